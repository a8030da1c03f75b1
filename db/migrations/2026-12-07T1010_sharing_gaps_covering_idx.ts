import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
// Counting sharers per department reads the gaps ending after a range (scope, next_day) and sums their
// people: with the count in the index SQLite answers from the index alone instead of looking up a table
// row per gap (at 100,000 people, 11,000 rows: 28–40 ms → 5–6 ms).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("sharing_gaps_cover_idx")
    .on("sharing_gaps")
    .columns(["scope", "next_day", "key", "prev_day", "people"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sharing_gaps_cover_idx").execute();
}
