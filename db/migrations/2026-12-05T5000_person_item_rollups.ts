import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Running totals per person, item, grain, period and network (analytics' cohort filter reads a
  // cohort's members' rows by person, so the person leads the primary key). Same counts as
  // analytics_rollups; written in the same transactions.
  await db.schema
    .createTable("person_item_rollups")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("shares", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reach", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("clicks", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unique_clicks", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("person_item_rollups_pk", ["user_id", "grain", "period", "item_id", "network"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("person_item_rollups").execute();
}
