import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("onboarding_progress")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("department_id", "text")
    .addColumn("sort_name", "text", (c) => c.notNull())
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("guidelines_done", "integer", (c) => c.notNull())
    .addColumn("workshops_done", "integer", (c) => c.notNull())
    .addColumn("ambassador", "integer", (c) => c.notNull())
    .addColumn("started", "integer", (c) => c.notNull())
    .addColumn("due_at", "bigint")
    .execute();
  await db.schema
    .createIndex("onboarding_progress_department_idx")
    .on("onboarding_progress")
    .columns(["department_id", "joined_at"])
    .execute();
  await db.schema
    .createIndex("onboarding_progress_overdue_idx")
    .on("onboarding_progress")
    .columns(["active", "ambassador", "sort_name", "user_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("onboarding_progress").execute();
}
