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

export async function trend(db: DB, range: Range, timeZone: string): Promise<{ granularity: Granularity; points: TrendPoint[] }> {
  const { granularity, starts } = trendBuckets(range, timeZone);
  const buckets = starts.map((start, i) => rangeBlocks({ start, end: starts[i + 1] ?? range.end }, timeZone));
  const all = buckets.flat();
  const rows = all.length
    ? await db
        .selectFrom(rollupsIn(db, "all", all).as("r"))
        .select((eb) => [
          "r.grain",
          "r.period",
          eb.fn.sum<number>("r.shares").as("shares"),
          eb.fn.sum<number>("r.clicks").as("clicks"),
          eb.fn.sum<number>("r.unique_clicks").as("unique_clicks"),
          eb.fn.sum<number>("r.ambassadors").as("ambassadors"),
        ])
        .groupBy(["r.grain", "r.period"])
        .execute()
    : [];
  const byPeriod = new Map(rows.map((r) => [`${r.grain}|${r.period}`, r]));
  const points: TrendPoint[] = [];
  for (const [i, blocks] of buckets.entries()) {
    const point: TrendPoint = { start: starts[i], shares: 0, clicks: 0, uniqueClicks: 0, ambassadors: 0 };
    for (const b of blocks) {
      const r = byPeriod.get(`${b.grain}|${b.period}`);
      if (!r) continue;
      point.shares += Number(r.shares);
      point.clicks += Number(r.clicks);
      point.uniqueClicks += Number(r.unique_clicks);
      point.ambassadors += Number(r.ambassadors);
    }
    if (blocks.length > 1 && point.shares > 0)
      point.ambassadors = await distinctSharers(db, { start: starts[i], end: starts[i + 1] ?? range.end }, timeZone);
    points.push(point);
  }
  return { granularity, points };
}
