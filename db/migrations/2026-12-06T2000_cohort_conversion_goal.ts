import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
// A wave's goal in conversions (null: none), read against the conversion rollups of its weeks.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cohorts").addColumn("goal_conversions", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cohorts").dropColumn("goal_conversions").execute();
}
