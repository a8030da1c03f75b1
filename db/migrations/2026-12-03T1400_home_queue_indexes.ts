import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // The staff home's queues read only what is waiting: overdue people by due date (certified people have none),
  // items in review by submission time.
  await db.schema.createIndex("onboarding_progress_due_idx").on("onboarding_progress").columns(["active", "due_at"]).execute();
  await db.schema.createIndex("content_items_status_submitted_idx").on("content_items").columns(["status", "submitted_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("content_items_status_submitted_idx").execute();
  await db.schema.dropIndex("onboarding_progress_due_idx").execute();
}
