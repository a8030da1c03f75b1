import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Running totals for analytics: per dimension (all, item, person, department, campaign), grain
  // (day, week, month in the organisation's zone), period, key and network.
  await db.schema
    .createTable("analytics_rollups")
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("network", "text", (c) => c.notNull())
    .addColumn("shares", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reach", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("clicks", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unique_clicks", "integer", (c) => c.notNull().defaultTo(0))
    // Dimension "all" only: people who shared in the period (any network), kept as they first share.
    .addColumn("ambassadors", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("analytics_rollups_pk", ["dimension", "grain", "period", "key", "network"])
    .execute();
  // Moving a person's or an item's history to another department or campaign reads their rows by
  // key. The key comes first so that reads by period never pick this index over the primary key.
  await db.schema.createIndex("analytics_rollups_key_idx").on("analytics_rollups").columns(["key", "dimension"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("analytics_rollups").execute();
}
