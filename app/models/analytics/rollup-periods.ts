/**
 * The calendar of analytics rollups: every event counts in its local day, its week (from Monday),
 * its month and its year; a range of whole local days is read as the fewest whole years, months,
 * weeks and days that cover it exactly, so a calendar year is one period and any year-long range
 * about two dozen instead of 365 days.
 */
import type { RollupGrain } from "#db/schema";
import { formatLocalDate, localDate } from "~/models/core/periods";

export interface RollupPeriod {
  grain: RollupGrain;
  period: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const toUtc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
/** Calendar arithmetic on local dates, on a UTC calendar (no daylight-saving jumps). */
export const addDays = (day: string, n: number) => fromUtc(toUtc(day) + n * 86_400_000);
const weekday = (day: string) => (new Date(toUtc(day)).getUTCDay() + 6) % 7; // 0 = Monday

export const weekOf = (day: string) => addDays(day, -weekday(day));
export const monthOf = (day: string) => day.slice(0, 7);
export const yearOf = (day: string) => day.slice(0, 4);

/** The four periods a local day counts in. */
export function periodsOfDay(day: string): RollupPeriod[] {
  return [
    { grain: "day", period: day },
    { grain: "week", period: weekOf(day) },
    { grain: "month", period: monthOf(day) },
    { grain: "year", period: yearOf(day) },
  ];
}

const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

/** The periods that start on a day, coarsest first, with their length in days. */
function periodsStarting(day: string): (RollupPeriod & { days: number })[] {
  const starting: (RollupPeriod & { days: number })[] = [];
  if (day.endsWith("-01-01"))
    starting.push({ grain: "year", period: yearOf(day), days: daysBetween(day, `${Number(yearOf(day)) + 1}-01-01`) });
  if (day.endsWith("-01")) {
    const y = Number(day.slice(0, 4));
    const m = Number(day.slice(5, 7));
    starting.push({ grain: "month", period: monthOf(day), days: daysBetween(day, fromUtc(Date.UTC(y, m, 1))) });
  }
  if (weekday(day) === 0) starting.push({ grain: "week", period: day, days: 7 });
  starting.push({ grain: "day", period: day, days: 1 });
  return starting;
}

/**
 * The fewest whole years, months, weeks and days covering [from, to] (both included, YYYY-MM-DD)
 * exactly, with no overlap: counted back from the last day, the fewest blocks from a day to the end
 * are one plus the fewest after the best block starting that day (ties go to the coarser). Taking the
 * coarsest block that fits from the first day is not enough: a range starting mid-week may need
 * days up to a month's first day rather than a week across it.
 */
export function blocksBetween(from: string, to: string): RollupPeriod[] {
  const key = `${from}|${to}`;
  let blocks = knownBlocks.get(key);
  if (!blocks) {
    blocks = fewestBlocks(from, to);
    if (knownBlocks.size >= KNOWN_BLOCKS) knownBlocks.delete(knownBlocks.keys().next().value!);
    knownBlocks.set(key, blocks);
  }
  return blocks.map((b) => ({ ...b }));
}

// A page asks for the same ranges many times (every table, the trend's buckets, each campaign): a year's
// blocks cost about 0.3 ms to work out, so the latest ranges' are kept (the oldest go first).
const KNOWN_BLOCKS = 512;
const knownBlocks = new Map<string, RollupPeriod[]>();

function fewestBlocks(from: string, to: string): RollupPeriod[] {
  if (from > to) return [];
  const n = daysBetween(from, to) + 1;
  const fewest = new Array<number>(n + 1).fill(0);
  const choice = new Array<RollupPeriod & { days: number }>(n);
  for (let i = n - 1; i >= 0; i--) {
    fewest[i] = Infinity;
    for (const p of periodsStarting(addDays(from, i))) {
      if (i + p.days <= n && fewest[i + p.days] + 1 < fewest[i]) {
        fewest[i] = fewest[i + p.days] + 1;
        choice[i] = p;
      }
    }
  }
  const blocks: RollupPeriod[] = [];
  for (let i = 0; i < n; i += choice[i].days) blocks.push({ grain: choice[i].grain, period: choice[i].period });
  return blocks;
}

/** A period's first and last local days. */
export function daysOf(p: RollupPeriod): { first: string; last: string } {
  if (p.grain === "day") return { first: p.period, last: p.period };
  if (p.grain === "week") return { first: p.period, last: addDays(p.period, 6) };
  if (p.grain === "month") {
    const first = `${p.period}-01`;
    return { first, last: addDays(fromUtc(Date.UTC(Number(p.period.slice(0, 4)), Number(p.period.slice(5, 7)), 1)), -1) };
  }
  return { first: `${p.period}-01-01`, last: `${p.period}-12-31` };
}

/**
 * A few periods whose union holds [from, to], possibly reaching outside it, for finding candidates
 * (a key's shares in the range are at most its shares in these periods, as counts never go below
 * zero). A year stands for the range's days in it when they are at least half of it; otherwise each
 * month does, by the same rule, and otherwise each week; the rest are days. A year-long range is
 * then about two periods, 30 days about four, instead of a dozen or two exact blocks.
 */
export function boundingPeriods(from: string, to: string): RollupPeriod[] {
  const periods = new Map<string, RollupPeriod>();
  const add = (p: RollupPeriod) => periods.set(`${p.grain}|${p.period}`, p);
  const cover = (p: RollupPeriod, first: string, last: string, finer: (first: string, last: string) => void) => {
    const whole = daysOf(p);
    const start = first > whole.first ? first : whole.first;
    const end = last < whole.last ? last : whole.last;
    if (start > end) return;
    if (2 * (daysBetween(start, end) + 1) >= daysBetween(whole.first, whole.last) + 1) add(p);
    else finer(start, end);
  };
  const days = (first: string, last: string) => {
    for (let day = first; day <= last; day = addDays(day, 1)) add({ grain: "day", period: day });
  };
  const weeks = (first: string, last: string) => {
    for (let week = weekOf(first); week <= last; week = addDays(week, 7)) cover({ grain: "week", period: week }, first, last, days);
  };
  const months = (first: string, last: string) => {
    for (let month = `${monthOf(first)}-01`; month <= last; month = addDays(daysOf({ grain: "month", period: monthOf(month) }).last, 1))
      cover({ grain: "month", period: monthOf(month) }, first, last, weeks);
  };
  for (let year = Number(yearOf(from)); year <= Number(yearOf(to)); year++)
    cover({ grain: "year", period: String(year) }, from, to, months);
  return [...periods.values()];
}

/**
 * Local dates of instants in a zone, cached per quarter hour (every zone's offset is a multiple of
 * 15 minutes), so labelling a batch or a full recomputation asks Intl once per quarter hour at most.
 */
export function dayLabeller(timeZone: string): (at: number) => string {
  const cache = new Map<number, string>();
  return (at) => {
    const slot = Math.floor(at / 900_000);
    let day = cache.get(slot);
    if (day === undefined) {
      day = formatLocalDate(localDate(at, timeZone));
      cache.set(slot, day);
    }
    return day;
  };
}
