/**
 * Leaderboards read only the running totals in score_buckets (kept in step with the ledger by
 * awardPoints/addToBuckets), plus users and departments for names. No request reads the ledger:
 * the top N walks the (period_kind, period_key[, department_id], metric) index from its high end,
 * and a rank is a COUNT of strictly greater values over the same index.
 *
 * Ranking is "competition" ranking (1, 2, 2, 4): rank = 1 + the number of ranked people with a
 * strictly greater value. Ranked people are those with a value above zero who are not
 * deactivated; deactivated people keep their ledger rows and buckets (history and HR figures do
 * not change) but leave the boards and nobody's rank counts them.
 */
import type { DB } from "~/utils/db.server";
import { periodContaining, previousPeriod, type CalendarPeriod } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import {
  bucketsOf,
  deactivatedIds,
  LEADERBOARD_METRICS,
  previousRanks,
  rankOf,
  valuesOf,
  type BoardKind,
  type LeaderboardMetric,
  type Slice,
} from "./leaderboard-ranks.server";

export { rankOf };

export { LEADERBOARD_METRICS, type LeaderboardMetric };

export type LeaderboardPeriod = CalendarPeriod | "all" | { campaignId: string };

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface LeaderboardQuery {
  period: LeaderboardPeriod;
  scope?: { departmentId?: string | null; cohortId?: string | null };
  metric: LeaderboardMetric;
  limit?: number;
  /** The person looking: their own row is returned even outside the top N. */
  viewerId: string | null;
  /** The instant whose week/month/quarter is shown (default now). */
  at?: number;
  /** HR, communications and administrators see the names of people who opted out. */
  viewerCanSeeNames: boolean;
}

export interface LeaderboardRow {
  /** For React keys: the person's id only when their name may be shown, otherwise a neutral key. */
  key: string;
  rank: number;
  value: number;
  /** null when anonymised. */
  name: string | null;
  departmentName: string | null;
  anonymised: boolean;
  /** Shown only to people allowed to see it: the person asked not to appear by name. */
  optedOut: boolean;
  isViewer: boolean;
  /** Rank in the previous period (same scope and metric), null when unranked then or no previous period. */
  previousRank: number | null;
  /** previousRank − rank: positive moved up. null when there is nothing to compare with. */
  movement: number | null;
}

export interface Leaderboard {
  periodKind: BoardKind;
  periodKey: string;
  /** Start and (exclusive) end of the period; null for all time. */
  window: { start: number; end: number } | null;
  previousKey: string | null;
  metric: LeaderboardMetric;
  rows: LeaderboardRow[];
  /** The viewer's row (also when it is among `rows`), or null when they have nothing in the period. */
  viewer: LeaderboardRow | null;
  viewerInTop: boolean;
}

interface ResolvedPeriod {
  kind: Leaderboard["periodKind"];
  key: string;
  window: { start: number; end: number } | null;
  previousKey: string | null;
}

export const isLeaderboardMetric = (value: unknown): value is LeaderboardMetric =>
  typeof value === "string" && (LEADERBOARD_METRICS as readonly string[]).includes(value);

/** The bucket keys of a period at `at` in the organisation's time zone (null for an unknown campaign). */
export async function resolvePeriod(db: DB, period: LeaderboardPeriod, at: number): Promise<ResolvedPeriod | null> {
  if (period === "all") return { kind: "all", key: "all", window: null, previousKey: null };
  if (typeof period === "object") {
    const campaign = await db
      .selectFrom("campaigns")
      .select(["id", "starts_at", "ends_at"])
      .where("id", "=", period.campaignId)
      .executeTakeFirst();
    if (!campaign) return null;
    return { kind: "campaign", key: campaign.id, window: { start: campaign.starts_at, end: campaign.ends_at }, previousKey: null };
  }
  const timeZone = await getOrganisationTimeZone(db);
  const current = periodContaining(period, at, timeZone);
  return {
    kind: period,
    key: current.key,
    window: { start: current.start, end: current.end },
    previousKey: previousPeriod(period, at, timeZone).key,
  };
}

type PersonRow = { user_id: string; value: number; name: string; leaderboard_opt_out: number; department_name: string | null };

function present(row: PersonRow, rank: number, query: LeaderboardQuery, index: number): LeaderboardRow {
  const isViewer = row.user_id === query.viewerId;
  const optedOut = row.leaderboard_opt_out === 1;
  const anonymised = optedOut && !isViewer && !query.viewerCanSeeNames;
  return {
    key: anonymised ? `anonymous-${rank}-${index}` : row.user_id,
    rank,
    value: Number(row.value),
    name: anonymised ? null : row.name,
    departmentName: anonymised ? null : row.department_name,
    anonymised,
    optedOut: !anonymised && optedOut,
    isViewer,
    previousRank: null,
    movement: null,
  };
}

/** The board's first `limit` rows, highest first; ties share a rank (1, 2, 2, 4). */
async function topRows(db: DB, slice: Slice, query: LeaderboardQuery, limit: number) {
  const column = `score_buckets.${query.metric}` as const;
  const top = await bucketsOf(db, slice)
    .innerJoin("users", "users.id", "score_buckets.user_id")
    .leftJoin("departments", "departments.id", "users.department_id")
    .select([
      "score_buckets.user_id",
      `${column} as value`,
      "users.name",
      "users.leaderboard_opt_out",
      "departments.name as department_name",
    ])
    .where(column, ">", 0)
    .where("users.status", "!=", "deactivated")
    .orderBy(column, "desc")
    .orderBy("score_buckets.user_id")
    .limit(limit)
    .execute();
  // Rows come highest first, so a row's rank is 1 + the rows before it with more.
  const rows: LeaderboardRow[] = [];
  let rank = 0;
  top.forEach((row, i) => {
    if (i === 0 || Number(row.value) < Number(top[i - 1].value)) rank = i + 1;
    rows.push(present(row, rank, query, i));
  });
  return { userIds: top.map((r) => r.user_id), rows };
}

/** The viewer's own row when it is not in the top rows: read by primary key, ranked by a count. */
async function viewerOutsideTop(
  db: DB,
  slice: Slice,
  query: LeaderboardQuery,
  position: number,
  deactivated: string[],
): Promise<LeaderboardRow | null> {
  if (!query.viewerId) return null;
  const column = `score_buckets.${query.metric}` as const;
  // The value and status are checked here rather than in SQL for the same reason as valuesOf.
  const own = await bucketsOf(db, slice)
    .innerJoin("users", "users.id", "score_buckets.user_id")
    .leftJoin("departments", "departments.id", "users.department_id")
    .select([
      "score_buckets.user_id",
      `${column} as value`,
      "users.name",
      "users.leaderboard_opt_out",
      "users.status",
      "departments.name as department_name",
    ])
    .where("score_buckets.user_id", "=", query.viewerId)
    .executeTakeFirst();
  if (!own || Number(own.value) <= 0 || own.status === "deactivated") return null;
  return present(own, await rankOf(db, slice, Number(own.value), await valuesOf(db, slice, deactivated)), query, position);
}

/** Each row's rank in the previous period and how far it moved since. */
async function attachMovement(
  db: DB,
  slice: Slice,
  previousKey: string,
  ranked: { row: LeaderboardRow; userId: string }[],
  deactivated: string[],
) {
  const before = await previousRanks(
    db,
    { ...slice, key: previousKey },
    ranked.map((r) => r.userId),
    deactivated,
  );
  for (const { row, userId } of ranked) {
    const previous = before.get(userId) ?? null;
    row.previousRank = previous;
    row.movement = previous === null ? null : previous - row.rank;
  }
}

/** The top `limit` of a board with ranks and movement, plus the viewer's own row wherever it falls. */
export async function getLeaderboard(db: DB, query: LeaderboardQuery): Promise<Leaderboard | null> {
  const at = query.at ?? Date.now();
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)));
  const period = await resolvePeriod(db, query.period, at);
  if (!period) return null;
  const slice: Slice = {
    kind: period.kind,
    key: period.key,
    departmentId: query.scope?.departmentId ?? null,
    cohortId: query.scope?.cohortId ?? null,
    metric: query.metric,
  };
  const { userIds, rows } = await topRows(db, slice, query, limit);

  const inTop = rows.find((r) => r.isViewer) ?? null;
  const needRanks = (!inTop && query.viewerId !== null) || period.previousKey !== null;
  const deactivated = needRanks ? await deactivatedIds(db, slice) : [];
  const outside = inTop ? null : await viewerOutsideTop(db, slice, query, rows.length, deactivated);

  if (period.previousKey) {
    const ranked = rows.map((row, i) => ({ row, userId: userIds[i] }));
    if (outside && query.viewerId) ranked.push({ row: outside, userId: query.viewerId });
    await attachMovement(db, slice, period.previousKey, ranked, deactivated);
  }

  const viewer = inTop ?? outside;
  return {
    periodKind: period.kind,
    periodKey: period.key,
    window: period.window,
    previousKey: period.previousKey,
    metric: query.metric,
    rows,
    viewer,
    viewerInTop: inTop !== null,
  };
}

/** The viewer's last `weeks` weeks (oldest first), read from their own week buckets by key. */
export async function getPersonalTrend(db: DB, userId: string, weeks = 12, at = Date.now()) {
  const timeZone = await getOrganisationTimeZone(db);
  const periods = [periodContaining("week", at, timeZone)];
  while (periods.length < weeks) periods.unshift(previousPeriod("week", periods[0].start, timeZone));
  const rows = await db
    .selectFrom("score_buckets")
    .select(["period_key", "points", "shares", "unique_clicks"])
    .where("period_kind", "=", "week")
    .where(
      "period_key",
      "in",
      periods.map((p) => p.key),
    )
    .where("user_id", "=", userId)
    .execute();
  const byKey = new Map(rows.map((r) => [r.period_key, r]));
  return periods.map((p) => ({
    week: p.key,
    start: p.start,
    points: byKey.get(p.key)?.points ?? 0,
    shares: byKey.get(p.key)?.shares ?? 0,
    uniqueClicks: byKey.get(p.key)?.unique_clicks ?? 0,
  }));
}

export async function setLeaderboardOptOut(db: DB, userId: string, optOut: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ leaderboard_opt_out: optOut ? 1 : 0 })
    .where("id", "=", userId)
    .execute();
}

export async function getLeaderboardOptOut(db: DB, userId: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("leaderboard_opt_out").where("id", "=", userId).executeTakeFirst();
  return row?.leaderboard_opt_out === 1;
}
