import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // A period's rows of one dimension and network in order of shares: the first N people (or items)
  // of a period are a short backward range scan, read page by page with (shares, key) < (?, ?).
  await db.schema
    .createIndex("analytics_rollups_rank_idx")
    .on("analytics_rollups")
    .columns(["dimension", "grain", "period", "network", "shares", "key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("analytics_rollups_rank_idx").execute();
}
