import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
// Each item's shares on any network per period (network ""), as person rows have had, so the items table
// ranks one list per period instead of one per period and network.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into analytics_rollups (dimension, grain, period, key, network, shares, reach, clicks, unique_clicks, ambassadors)
    select 'item', grain, period, key, '', sum(shares), 0, 0, 0, 0
    from analytics_rollups
    where dimension = 'item' and network <> ''
    group by grain, period, key
    having sum(shares) > 0
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("analytics_rollups").where("dimension", "=", "item").where("network", "=", "").execute();
}
