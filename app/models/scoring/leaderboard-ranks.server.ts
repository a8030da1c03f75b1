/**
 * Ranking over one board's score buckets: the indexed slice, deactivated people, counts above a value
 * and previous-period ranks. See leaderboard.server.ts for the ranking rules.
 */
import type { DB } from "~/utils/db.server";
import { cohortMemberIdsQuery } from "~/models/cohorts/members.server";

export const LEADERBOARD_METRICS = ["points", "shares", "unique_clicks"] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];
export type BoardKind = "week" | "month" | "quarter" | "all" | "campaign";

export interface Slice {
  kind: BoardKind;
  key: string;
  departmentId: string | null;
  /** A cohort's board: only its people (listed or through its departments). */
  cohortId?: string | null;
  metric: LeaderboardMetric;
}

/** The rows of one board (period, scope): score_buckets filtered by the indexed prefix. */
export function bucketsOf(db: DB, slice: Slice) {
  let query = db
    .selectFrom("score_buckets")
    .where("score_buckets.period_kind", "=", slice.kind)
    .where("score_buckets.period_key", "=", slice.key);
  if (slice.departmentId) query = query.where("score_buckets.department_id", "=", slice.departmentId);
  if (slice.cohortId) query = query.where("score_buckets.user_id", "in", cohortMemberIdsQuery(db, slice.cohortId));
  return query;
}

/**
 * Ids of deactivated people (in the department, for a department board), through users' status
 * index: there are few of them. A bucket's department is always its person's current one.
 */
export async function deactivatedIds(db: DB, slice: Pick<Slice, "departmentId" | "cohortId">): Promise<string[]> {
  let query = db.selectFrom("users").select("id").where("status", "=", "deactivated");
  if (slice.departmentId) query = query.where("department_id", "=", slice.departmentId);
  if (slice.cohortId) query = query.where("id", "in", cohortMemberIdsQuery(db, slice.cohortId));
  return (await query.execute()).map((r) => r.id);
}

/**
 * Values of the given people on one board, by primary-key lookups (period_kind, period_key,
 * user_id); filtering on the value in SQL would tempt the planner into the value index instead.
 */
export async function valuesOf(db: DB, slice: Slice, userIds: string[]): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  const column = `score_buckets.${slice.metric}` as const;
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await bucketsOf(db, slice)
      .select(["score_buckets.user_id", `${column} as value`])
      .where("score_buckets.user_id", "in", userIds.slice(i, i + 500))
      .execute();
    for (const row of rows) if (Number(row.value) > 0) values.set(row.user_id, Number(row.value));
  }
  return values;
}

/**
 * How many ranked people have each value above `floor`: one pass over the covering index range
 * above the floor, less the deactivated people in it.
 */
async function countsAbove(db: DB, slice: Slice, floor: number, deactivated: Map<string, number>): Promise<Map<number, number>> {
  const column = `score_buckets.${slice.metric}` as const;
  const all = await bucketsOf(db, slice)
    .select([`${column} as value`, (eb) => eb.fn.countAll<number>().as("n")])
    .where(column, ">", floor)
    .groupBy(column)
    .execute();
  const counts = new Map<number, number>();
  for (const row of all) counts.set(Number(row.value), Number(row.n));
  for (const value of deactivated.values()) if (value > floor) counts.set(value, (counts.get(value) ?? 0) - 1);
  return counts;
}

/** Competition rank of `value` given the counts of values above the floor. */
function rankFrom(counts: Map<number, number>, value: number): number {
  let greater = 0;
  for (const [v, n] of counts) if (v > value) greater += n;
  return 1 + greater;
}

/** 1 + how many ranked people have strictly more than `value` (a COUNT over the covering index range). */
export async function rankOf(db: DB, slice: Slice, value: number, deactivated?: Map<string, number>): Promise<number> {
  const column = `score_buckets.${slice.metric}` as const;
  const [all, gone] = await Promise.all([
    bucketsOf(db, slice)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(column, ">", value)
      .executeTakeFirstOrThrow(),
    deactivated ?? deactivatedIds(db, slice).then((ids) => valuesOf(db, slice, ids)),
  ]);
  let greater = Number(all.n);
  for (const v of gone.values()) if (v > value) greater -= 1;
  return 1 + greater;
}

/** Previous-period ranks of the given people, in one pass over the index above the lowest of their values. */
export async function previousRanks(db: DB, slice: Slice, userIds: string[], deactivated: string[]): Promise<Map<string, number>> {
  const ranks = new Map<string, number>();
  if (userIds.length === 0) return ranks;
  const values = await valuesOf(db, slice, userIds);
  if (values.size === 0) return ranks;
  const floor = Math.min(...values.values());
  const counts = await countsAbove(db, slice, floor, await valuesOf(db, slice, deactivated));
  for (const [userId, value] of values) ranks.set(userId, rankFrom(counts, value));
  return ranks;
}
