import type { Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Leaderboard ranks leave deactivated people out: the few of them are found through this index
  // instead of joining every counted row to users.
  await db.schema.createIndex("users_status_idx").on("users").column("status").execute();
  // Campaign backfills, recomputation and analytics read shares by time.
  await db.schema.createIndex("shares_time_idx").on("shares").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("shares_time_idx").execute();
  await db.schema.dropIndex("users_status_idx").execute();
}
