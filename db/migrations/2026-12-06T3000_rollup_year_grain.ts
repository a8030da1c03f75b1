import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
// A "year" grain (period YYYY) beside day, week and month in every table the rollup calendar
// writes, so a calendar year is one period. Existing years are summed from their months; a year's
// ambassadors ("all" rows of network "") are the people with shares in it, counted from the
// person rows just written (people active in two months count once).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into analytics_rollups (dimension, grain, period, key, network, shares, reach, clicks, unique_clicks, ambassadors)
    select dimension, 'year', substr(period, 1, 4), key, network,
      sum(shares), sum(reach), sum(clicks), sum(unique_clicks), 0
    from analytics_rollups
    where grain = 'month'
    group by dimension, substr(period, 1, 4), key, network
  `.execute(db);
  await sql`
    update analytics_rollups set ambassadors = (
      select count(*) from analytics_rollups p
      where p.dimension = 'person' and p.grain = 'year' and p.period = analytics_rollups.period
        and p.network = '' and p.shares > 0
    )
    where dimension = 'all' and grain = 'year' and network = ''
  `.execute(db);
  await sql`
    insert into person_item_rollups (user_id, grain, period, item_id, network, shares, reach, clicks, unique_clicks)
    select user_id, 'year', substr(period, 1, 4), item_id, network, sum(shares), sum(reach), sum(clicks), sum(unique_clicks)
    from person_item_rollups
    where grain = 'month'
    group by user_id, substr(period, 1, 4), item_id, network
  `.execute(db);
  await sql`
    insert into channel_rollups (grain, period, channel, shares)
    select 'year', substr(period, 1, 4), channel, sum(shares)
    from channel_rollups
    where grain = 'month'
    group by substr(period, 1, 4), channel
  `.execute(db);
  await sql`
    insert into conversion_rollups (dimension, grain, period, key, network, conversions, leads, signups, sales, value_cents)
    select dimension, 'year', substr(period, 1, 4), key, network,
      sum(conversions), sum(leads), sum(signups), sum(sales), sum(value_cents)
    from conversion_rollups
    where grain = 'month'
    group by dimension, substr(period, 1, 4), key, network
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["analytics_rollups", "person_item_rollups", "channel_rollups", "conversion_rollups"])
    await db.deleteFrom(table).where("grain", "=", "year").execute();
}
