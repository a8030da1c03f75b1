import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // What became of an item's "notify now" at publication: "alerted" (within the weekly cap) or "capped".
  await db.schema.alterTable("content_items").addColumn("urgent_outcome", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("content_items").dropColumn("urgent_outcome").execute();
}
