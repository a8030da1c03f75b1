import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A digest slot reads its people in id order, a page after the cursor: this index serves that keyset
  // page directly (without it SQLite took users_status_idx and sorted every remaining person per page).
  await db.schema.createIndex("users_digest_page_idx").on("users").columns(["digest_frequency", "status", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("users_digest_page_idx").execute();
}
