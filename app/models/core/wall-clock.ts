/**
 * What the wall clock shows in a time zone at an instant, and back: the one conversion under dates
 * (form inputs), periods (weeks, months, quarters) and business hours. Local days are counted on a UTC
 * calendar, which has no daylight-saving jumps.
 */

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's calendar date and time at `at`; throws a RangeError for an unknown zone. */
export function wallClock(at: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  const values: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== "literal") values[part.type] = Number(part.value);
  return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export function localDate(at: number, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(at, timeZone);
  return { year, month, day };
}

/** The instant the local wall clock shows `minutes` after midnight on `d` (the later one when DST repeats an hour). */
export function zonedInstant(d: LocalDate, minutes: number, timeZone: string): number {
  const wanted = Date.UTC(d.year, d.month - 1, d.day, 0, minutes);
  let guess = wanted;
  // Correct by the zone's offset until it settles (three times is enough across a DST change).
  for (let i = 0; i < 3; i++) {
    const p = wallClock(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    if (shown === wanted) break;
    guess -= shown - wanted;
  }
  return guess;
}

export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = (d: LocalDate) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7;
