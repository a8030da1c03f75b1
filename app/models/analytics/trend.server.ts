/**
 * Trends over time for the analytics page: shares, clicks, unique clicks and ambassadors per day,
 * week or month of a range, read from analytics_rollups like the tables (see queries.server.ts for
 * the definitions).
 */
import type { DB } from "~/utils/db.server";
import { periodContaining, startOfLocalDay, localDate, type LocalDate } from "~/models/core/periods";
import { rangeBlocks, rangeDays, type Range } from "./queries.server";
import { rollupsIn } from "./rollups.server";
import { sharersBetween } from "./sharing-gaps.server";
import { cohortPeriodTotals, cohortSharers, type PeriodTotals } from "./cohort-analytics.server";
import type { RollupPeriod } from "./rollup-periods";

export type Granularity = "day" | "week" | "month";

export interface TrendPoint {
  start: number;
  shares: number;
  clicks: number;
  uniqueClicks: number;
  ambassadors: number;
}

const addDays = (d: LocalDate, n: number): LocalDate => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};

/** Bucket starts covering the range in the zone: days up to two months, weeks up to a year and a half, months beyond. */
export function trendBuckets(range: Range, timeZone: string): { granularity: Granularity; starts: number[] } {
  const days = (range.end - range.start) / 86_400_000;
  const granularity: Granularity = days <= 62 ? "day" : days <= 550 ? "week" : "month";
  const starts: number[] = [];
  if (granularity === "day") {
    for (
      let d = localDate(range.start, timeZone), t = startOfLocalDay(d, timeZone);
      t < range.end;
      d = addDays(d, 1), t = startOfLocalDay(d, timeZone)
    )
      starts.push(t);
  } else {
    for (
      let p = periodContaining(granularity, range.start, timeZone);
      p.start < range.end;
      p = periodContaining(granularity, p.end, timeZone)
    )
      starts.push(p.start);
  }
  starts[0] = Math.max(starts[0], range.start);
  return { granularity, starts };
}

/** People who shared in a bucket that is not one whole rollup period (the clipped first or last bucket). */
async function distinctSharers(db: DB, range: Range, timeZone: string): Promise<number> {
  const days = rangeDays(range, timeZone);
  return days ? ((await sharersBetween(db, "all", days.from, days.to)).get("") ?? 0) : 0;
}

/** Everyone's totals per rollup period ("grain|period"), from the "all" rows. */
async function periodTotals(db: DB, blocks: RollupPeriod[]): Promise<Map<string, PeriodTotals>> {
  if (blocks.length === 0) return new Map();
  const rows = await db
    .selectFrom(rollupsIn(db, "all", blocks).as("r"))
    .select((eb) => [
      "r.grain",
      "r.period",
      eb.fn.sum<number>("r.shares").as("shares"),
      eb.fn.sum<number>("r.clicks").as("clicks"),
      eb.fn.sum<number>("r.unique_clicks").as("unique_clicks"),
      eb.fn.sum<number>("r.ambassadors").as("ambassadors"),
    ])
    .groupBy(["r.grain", "r.period"])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.grain}|${r.period}`,
      { shares: Number(r.shares), clicks: Number(r.clicks), uniqueClicks: Number(r.unique_clicks), ambassadors: Number(r.ambassadors) },
    ]),
  );
}

/** The trend of everyone, or with `cohortId` of that cohort's members only (cohort-analytics.server.ts). */
export async function trend(
  db: DB,
  range: Range,
  timeZone: string,
  options: { cohortId?: string } = {},
): Promise<{ granularity: Granularity; points: TrendPoint[] }> {
  const { cohortId } = options;
  const { granularity, starts } = trendBuckets(range, timeZone);
  const buckets = starts.map((start, i) => rangeBlocks({ start, end: starts[i + 1] ?? range.end }, timeZone));
  const all = buckets.flat();
  const byPeriod = cohortId ? await cohortPeriodTotals(db, cohortId, all) : await periodTotals(db, all);
  const points: TrendPoint[] = [];
  for (const [i, blocks] of buckets.entries()) {
    const point: TrendPoint = { start: starts[i], shares: 0, clicks: 0, uniqueClicks: 0, ambassadors: 0 };
    for (const b of blocks) {
      const r = byPeriod.get(`${b.grain}|${b.period}`);
      if (!r) continue;
      point.shares += r.shares;
      point.clicks += r.clicks;
      point.uniqueClicks += r.uniqueClicks;
      point.ambassadors += r.ambassadors;
    }
    if (blocks.length > 1 && point.shares > 0)
      point.ambassadors = cohortId
        ? await cohortSharers(db, cohortId, blocks)
        : await distinctSharers(db, { start: starts[i], end: starts[i + 1] ?? range.end }, timeZone);
    points.push(point);
  }
  return { granularity, points };
}
