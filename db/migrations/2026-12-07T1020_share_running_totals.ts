import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
// Shares to date per person (their any-network day rows) and per item (the sum of its network day rows),
// a row per key and local day with shares, so a key's shares over any range of days are two lookups.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("share_running_totals")
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("shares_to_date", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("share_running_totals_pk", ["dimension", "key", "day"])
    .execute();
  await sql`
    insert into share_running_totals (dimension, key, day, shares_to_date)
    select d.dimension, d.key, d.period, sum(d.shares) over (partition by d.dimension, d.key order by d.period rows unbounded preceding)
    from (
      select 'person' as dimension, key, period, shares from analytics_rollups
      where dimension = 'person' and grain = 'day' and network = '' and shares > 0
      union all
      select 'item' as dimension, key, period, sum(shares) as shares from analytics_rollups
      where dimension = 'item' and grain = 'day' and network <> ''
      group by key, period
      having sum(shares) > 0
    ) d
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("share_running_totals").execute();
}
