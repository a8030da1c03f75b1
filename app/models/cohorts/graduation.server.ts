import { getOrganisationTimeZone } from "~/models/core/settings.server";
import type { DB } from "~/utils/db.server";
import { cohortMemberIdsQuery } from "./members.server";
import { weeksBetween } from "./progress.server";

export interface GraduationCriteria {
  onboarded: boolean;
  shares: number | null;
  uniqueClicks: number | null;
}

export interface GraduateRow {
  id: string;
  name: string;
  onboarded: boolean;
  shares: number;
  uniqueClicks: number;
  graduated: boolean;
}

const hasCriteria = (c: GraduationCriteria) => c.onboarded || c.shares !== null || c.uniqueClicks !== null;

export const criteriaOf = (cohort: {
  graduation_onboarded: number;
  graduation_shares: number | null;
  graduation_unique_clicks: number | null;
}): GraduationCriteria => ({
  onboarded: cohort.graduation_onboarded === 1,
  shares: cohort.graduation_shares,
  uniqueClicks: cohort.graduation_unique_clicks,
});

export async function setGraduationCriteria(db: DB, cohortId: string, criteria: GraduationCriteria): Promise<boolean> {
  const result = await db
    .updateTable("cohorts")
    .set({
      graduation_onboarded: criteria.onboarded ? 1 : 0,
      graduation_shares: criteria.shares,
      graduation_unique_clicks: criteria.uniqueClicks,
    })
    .where("id", "=", cohortId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Where each active person of the cohort stands against its graduation criteria, over the cohort's own
 * weeks: onboarding from `onboarding_progress`, shares and unique clicks from the weekly score buckets
 * (one row per person and week). A cohort without criteria graduates nobody.
 */
export async function cohortGraduates(
  db: DB,
  cohortId: string,
  at = Date.now(),
): Promise<{ criteria: GraduationCriteria; people: GraduateRow[] } | null> {
  const cohort = await db.selectFrom("cohorts").selectAll().where("id", "=", cohortId).executeTakeFirst();
  if (!cohort) return null;
  const criteria = criteriaOf(cohort);
  const weeks = weeksBetween(cohort.starts_at, cohort.ends_at, at, await getOrganisationTimeZone(db));
  const keys = weeks.length ? weeks.map((w) => w.key) : ["none"];
  const rows = await db
    .selectFrom("users")
    .leftJoin("onboarding_progress as p", "p.user_id", "users.id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("score_buckets")
          .select((b) => [
            "score_buckets.user_id",
            b.fn.sum<number>("score_buckets.shares").as("shares"),
            b.fn.sum<number>("score_buckets.unique_clicks").as("unique_clicks"),
          ])
          .where("score_buckets.period_kind", "=", "week")
          .where("score_buckets.period_key", "in", keys)
          .where("score_buckets.user_id", "in", cohortMemberIdsQuery(db, cohortId))
          .groupBy("score_buckets.user_id")
          .as("b"),
      (join) => join.onRef("b.user_id", "=", "users.id"),
    )
    .select(["users.id", "users.name", "p.ambassador", "b.shares", "b.unique_clicks"])
    .where("users.id", "in", cohortMemberIdsQuery(db, cohortId))
    .where("users.status", "=", "active")
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
  const people = rows.map((row) => {
    const onboarded = Number(row.ambassador ?? 0) === 1;
    const shares = Number(row.shares ?? 0);
    const uniqueClicks = Number(row.unique_clicks ?? 0);
    const graduated =
      hasCriteria(criteria) &&
      (!criteria.onboarded || onboarded) &&
      shares >= (criteria.shares ?? 0) &&
      uniqueClicks >= (criteria.uniqueClicks ?? 0);
    return { id: row.id, name: row.name, onboarded, shares, uniqueClicks, graduated };
  });
  return { criteria, people };
}
