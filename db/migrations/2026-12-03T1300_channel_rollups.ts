import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Shares per entry channel (feed, digest, alert, teams, slack) and local day, week from Monday or
  // month in the organisation's zone, kept by the share's transaction so analytics never counts shares.
  await db.schema
    .createTable("channel_rollups")
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("shares", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("channel_rollups_pk", ["grain", "period", "channel"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("channel_rollups").execute();
}
