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

function lastDayOfMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return fromUtc(Date.UTC(y, m, 0));
}

/** Whole months, then whole weeks, then days covering [from, to] (both included, YYYY-MM-DD), with no overlap. */
export function blocksBetween(from: string, to: string): RollupPeriod[] {
  const blocks: RollupPeriod[] = [];
  let day = from;
  while (day <= to) {
    if (day.endsWith("-01") && lastDayOfMonth(day) <= to) {
      blocks.push({ grain: "month", period: monthOf(day) });
      day = addDays(lastDayOfMonth(day), 1);
    } else if (weekday(day) === 0 && addDays(day, 6) <= to) {
      blocks.push({ grain: "week", period: day });
      day = addDays(day, 7);
    } else {
      blocks.push({ grain: "day", period: day });
      day = addDays(day, 1);
    }
  }
  return blocks;
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
