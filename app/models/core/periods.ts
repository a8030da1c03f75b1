/** Calendar periods in the organisation's time zone. Weeks start on Monday. */

import { addDays, isoWeekday, localDate, wallClock, zonedInstant, type LocalDate } from "./wall-clock";

// Periods' callers read local dates from here as well as from wall-clock.ts.
export { localDate, type LocalDate } from "./wall-clock";

export const DEFAULT_TIME_ZONE = "Europe/Madrid";

export const isValidTimeZone = (timeZone: string) => {
  try {
    wallClock(0, timeZone);
    return true;
  } catch {
    return false;
  }
};

const pad = (n: number) => String(n).padStart(2, "0");
export const formatLocalDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

const mondayOf = (d: LocalDate): LocalDate => addDays(d, 1 - isoWeekday(d));

/** The instant at which a local date starts (local midnight) in the time zone. */
export const startOfLocalDay = (d: LocalDate, timeZone: string): number => zonedInstant(d, 0, timeZone);

export type CalendarPeriod = "week" | "month" | "quarter";

export interface PeriodWindow {
  kind: CalendarPeriod;
  key: string;
  start: number;
  /** Exclusive. */
  end: number;
}

function firstDayOf(kind: CalendarPeriod, d: LocalDate): LocalDate {
  if (kind === "week") return mondayOf(d);
  if (kind === "month") return { year: d.year, month: d.month, day: 1 };
  return { year: d.year, month: Math.floor((d.month - 1) / 3) * 3 + 1, day: 1 };
}

function nextFirstDay(kind: CalendarPeriod, first: LocalDate): LocalDate {
  if (kind === "week") return addDays(first, 7);
  const months = kind === "month" ? 1 : 3;
  const m = first.month - 1 + months;
  return { year: first.year + Math.floor(m / 12), month: (m % 12) + 1, day: 1 };
}

function keyOf(kind: CalendarPeriod, first: LocalDate): string {
  if (kind === "week") return `${formatLocalDate(first)}`;
  if (kind === "month") return `${first.year}-${pad(first.month)}`;
  return `${first.year}-Q${Math.floor((first.month - 1) / 3) + 1}`;
}

/** The week (from Monday), month or quarter containing `at`, in the time zone. */
export function periodContaining(kind: CalendarPeriod, at: number, timeZone: string): PeriodWindow {
  const first = firstDayOf(kind, localDate(at, timeZone));
  const next = nextFirstDay(kind, first);
  return { kind, key: keyOf(kind, first), start: startOfLocalDay(first, timeZone), end: startOfLocalDay(next, timeZone) };
}

/** The period just before the one containing `at`. */
export function previousPeriod(kind: CalendarPeriod, at: number, timeZone: string): PeriodWindow {
  return periodContaining(kind, periodContaining(kind, at, timeZone).start - 1, timeZone);
}

/** Bucket keys that an event at `at` adds to. */
export function bucketKeysAt(at: number, timeZone: string): { kind: CalendarPeriod | "all"; key: string }[] {
  return [
    ...(["week", "month", "quarter"] as const).map((kind) => ({ kind, key: periodContaining(kind, at, timeZone).key })),
    { kind: "all" as const, key: "all" },
  ];
}

/**
 * Local dates (YYYY-MM-DD) of instants in a zone, remembering each day's [start, end): a batch's
 * clicks mostly share a day or two, and asking Intl for every click would cost more than the writes.
 */
export function localDayLabeller(timeZone: string): (at: number) => string {
  const windows: { start: number; end: number; day: string }[] = [];
  return (at) => {
    for (const w of windows) if (at >= w.start && at < w.end) return w.day;
    const d = localDate(at, timeZone);
    const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
    const window = {
      start: startOfLocalDay(d, timeZone),
      end: startOfLocalDay({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone),
      day: formatLocalDate(d),
    };
    windows.push(window);
    return window.day;
  };
}
