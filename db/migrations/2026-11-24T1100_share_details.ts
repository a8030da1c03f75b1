import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // What was shared: the final text, the tracked link it carried, the sharer's followers on that
  // network at that moment (reach must not change when follower counts are edited later) and
  // whether the share scored (a re-share of the same item on the same network within 24 h does not).
  await db.schema
    .alterTable("shares")
    .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("shares")
    .addColumn("link_id", "text", (c) => c.references("tracked_links.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("shares")
    .addColumn("reach", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("shares")
    .addColumn("scored", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("shares_link_idx").on("shares").columns(["link_id", "created_at"]).execute();

  // When the link's last scoring share happened: the 24-hour rule is one conditional UPDATE of it.
  await db.schema.alterTable("tracked_links").addColumn("share_scored_at", "bigint").execute();

  // Shares recorded before this migration: their link, today's follower count as the best known
  // reach, and scored when a share ledger row points at them.
  await sql`update shares set link_id = (
      select t.id from tracked_links t where t.user_id = shares.user_id and t.item_id = shares.item_id and t.network = shares.network
    )`.execute(db);
  await sql`update shares set reach = coalesce((
      select f.followers from follower_counts f where f.user_id = shares.user_id and f.network = shares.network
    ), 0)`.execute(db);
  await sql`update shares set scored = 1 where exists (
      select 1 from points_ledger l where l.user_id = shares.user_id and l.action = 'share' and l.reference_id = shares.id
    )`.execute(db);
  await sql`update tracked_links set share_scored_at = (
      select max(s.created_at) from shares s where s.link_id = tracked_links.id and s.scored = 1
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tracked_links").dropColumn("share_scored_at").execute();
  await db.schema.dropIndex("shares_link_idx").execute();
  for (const column of ["scored", "reach", "link_id", "text"]) await db.schema.alterTable("shares").dropColumn(column).execute();
}
