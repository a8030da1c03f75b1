import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("people_syncs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("filename", "text", (c) => c.notNull())
    // previewed → applied, or discarded (refused because the people changed, or replaced).
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("whole_company", "integer", (c) => c.notNull())
    .addColumn("plan_json", "text", (c) => c.notNull())
    .addColumn("people_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("applied_at", "bigint")
    .execute();
  await db.schema.createIndex("people_syncs_created_idx").on("people_syncs").columns(["created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("people_syncs").execute();
}
