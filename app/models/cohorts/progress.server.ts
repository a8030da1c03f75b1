import { periodContaining, type PeriodWindow } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import type { DB } from "~/utils/db.server";
import { cohortMemberIdsQuery } from "./members.server";

const MAX_WEEKS = 104;

export interface GroupFigures {
  people: number;
  /** People who shared at least once in the cohort's weeks. */
  sharers: number;
  /** Whole percent of people who shared. */
  participation: number;
  shares: number;
  uniqueClicks: number;
  /** Conversions attributed to the group's shares in its weeks (from the conversion rollups). */
  conversions: number;
  sharesPerPerson: number;
  uniqueClicksPerPerson: number;
}

export interface CohortProgress {
  weeks: PeriodWindow[];
  cohort: GroupFigures;
  rest: GroupFigures;
  goals: { participation: number | null; shares: number | null; uniqueClicks: number | null; conversions: number | null };
}

/** The organisation's weeks that overlap [start, end), up to the week of `at`. */
export function weeksBetween(start: number, end: number, at: number, timeZone: string): PeriodWindow[] {
  const weeks: PeriodWindow[] = [];
  const last = Math.min(end - 1, at);
  let week = periodContaining("week", start, timeZone);
  while (week.start <= last && weeks.length < MAX_WEEKS) {
    weeks.push(week);
    week = periodContaining("week", week.end, timeZone);
  }
  return weeks;
}

const figures = (people: number, sharers: number, shares: number, uniqueClicks: number, conversions: number): GroupFigures => ({
  people,
  sharers,
  participation: people ? Math.round((100 * sharers) / people) : 0,
  shares,
  uniqueClicks,
  conversions,
  sharesPerPerson: people ? Math.round((10 * shares) / people) / 10 : 0,
  uniqueClicksPerPerson: people ? Math.round((10 * uniqueClicks) / people) / 10 : 0,
});

/**
 * Conversions in the given weeks from the weekly conversion rollups: the members' person rows, or the
 * whole company's ("all") row. Their week periods are the same Monday dates as the score buckets' keys.
 */
async function conversionsIn(db: DB, weeks: PeriodWindow[], members: ReturnType<typeof cohortMemberIdsQuery> | null) {
  if (!weeks.length) return 0;
  let query = db
    .selectFrom("conversion_rollups")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("conversions"), eb.lit(0)).as("n"))
    .where("grain", "=", "week")
    .where(
      "period",
      "in",
      weeks.map((w) => w.key),
    );
  query = members ? query.where("dimension", "=", "person").where("key", "in", members) : query.where("dimension", "=", "all");
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * A cohort against the rest of the company over the cohort's own weeks, from the weekly score buckets
 * and conversion rollups (kept by every share, click and conversion as it happens): one row per person and
 * week, never the ledger. The rest's conversions are the company's minus the cohort's, whoever converted.
 */
export async function cohortProgress(db: DB, cohortId: string, at = Date.now()): Promise<CohortProgress | null> {
  const cohort = await db.selectFrom("cohorts").selectAll().where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) return null;
  const weeks = weeksBetween(cohort.starts_at, cohort.ends_at, at, await getOrganisationTimeZone(db));
  const members = cohortMemberIdsQuery(db, cohortId).where("users.status", "=", "active");
  const totals = async (inCohort: boolean | null) => {
    let query = db
      .selectFrom("score_buckets")
      .innerJoin("users", "users.id", "score_buckets.user_id")
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>("score_buckets.shares"), eb.lit(0)).as("shares"),
        eb.fn.coalesce(eb.fn.sum<number>("score_buckets.unique_clicks"), eb.lit(0)).as("unique_clicks"),
        eb.fn.count<number>("score_buckets.user_id").distinct().filterWhere("score_buckets.shares", ">", 0).as("sharers"),
      ])
      .where("score_buckets.period_kind", "=", "week")
      .where("users.status", "=", "active");
    query = weeks.length
      ? query.where(
          "score_buckets.period_key",
          "in",
          weeks.map((w) => w.key),
        )
      : query.where("score_buckets.period_key", "=", "none");
    if (inCohort === true) query = query.where("score_buckets.user_id", "in", members);
    return query.executeTakeFirstOrThrow();
  };
  const [mine, everyone, memberCount, activeCount, myConversions, allConversions] = await Promise.all([
    totals(true),
    totals(null),
    db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("id", "in", members)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "active")
      .executeTakeFirstOrThrow(),
    conversionsIn(db, weeks, members),
    conversionsIn(db, weeks, null),
  ]);
  const people = Number(memberCount.n);
  const restPeople = Number(activeCount.n) - people;
  return {
    weeks,
    cohort: figures(people, Number(mine.sharers), Number(mine.shares), Number(mine.unique_clicks), myConversions),
    rest: figures(
      restPeople,
      Number(everyone.sharers) - Number(mine.sharers),
      Number(everyone.shares) - Number(mine.shares),
      Number(everyone.unique_clicks) - Number(mine.unique_clicks),
      allConversions - myConversions,
    ),
    goals: {
      participation: cohort.goal_participation,
      shares: cohort.goal_shares,
      uniqueClicks: cohort.goal_unique_clicks,
      conversions: cohort.goal_conversions,
    },
  };
}
