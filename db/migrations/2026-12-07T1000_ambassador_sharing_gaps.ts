import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
// The sharing gaps of the people who are certified ambassadors now (onboarding_progress active and
// ambassador), under scope "ambassador", so participation counts the ambassadors who shared in a range
// without working out who is onboarded. Each person's gaps run from "" to their first share day, between
// consecutive share days, and from their last to "~"; people are counted per gap.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into sharing_gaps (scope, key, prev_day, next_day, people)
    select 'ambassador', '', g.prev_day, g.next_day, count(*)
    from (
      select coalesce(lag(r.period) over (partition by r.key order by r.period), '') as prev_day, r.period as next_day
      from analytics_rollups r
      join onboarding_progress p on p.user_id = r.key and p.active = 1 and p.ambassador = 1
      where r.dimension = 'person' and r.grain = 'day' and r.network = '' and r.shares > 0
      union all
      select max(r.period) as prev_day, '~' as next_day
      from analytics_rollups r
      join onboarding_progress p on p.user_id = r.key and p.active = 1 and p.ambassador = 1
      where r.dimension = 'person' and r.grain = 'day' and r.network = '' and r.shares > 0
      group by r.key
    ) g
    group by g.prev_day, g.next_day
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("sharing_gaps").where("scope", "=", "ambassador").execute();
}
