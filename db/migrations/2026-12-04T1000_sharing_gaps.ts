import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Between two consecutive local days on which a person shared (prev_day "" before their first,
  // next_day "~" after their last), counted per scope ("all", or "department" and its id). People
  // who shared in [a, b] = people with a final gap − gaps with prev_day < a and next_day > b.
  await db.schema
    .createTable("sharing_gaps")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("next_day", "text", (c) => c.notNull())
    .addColumn("prev_day", "text", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("sharing_gaps_pk", ["scope", "next_day", "key", "prev_day"])
    .execute();
  // A person's share days (their any-network day rows) in order, to find the days around a new one.
  await db.schema
    .createIndex("analytics_rollups_person_days_idx")
    .on("analytics_rollups")
    .columns(["key", "dimension", "grain", "network", "period"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("analytics_rollups_person_days_idx").execute();
  await db.schema.dropTable("sharing_gaps").execute();
}
