/** The first-response clock: minutes that count only inside business hours, in the organisation's time zone. */

export interface BusinessHours {
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). Empty: the clock always runs. */
  days: number[];
  /** Opening and closing, minutes after local midnight (e.g. 9:00 = 540). */
  start: number;
  end: number;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { days: [1, 2, 3, 4, 5], start: 8 * 60, end: 20 * 60 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: number, timeZone: string) {
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
  const v: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== "literal") v[part.type] = Number(part.value);
  return v as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

interface Day {
  year: number;
  month: number;
  day: number;
}

/** The instant the local wall clock shows `minutes` after midnight on `d` (the later one when DST repeats an hour). */
export function zonedInstant(d: Day, minutes: number, timeZone: string): number {
  const wanted = Date.UTC(d.year, d.month - 1, d.day, 0, minutes);
  let guess = wanted;
  // Correct by the zone's offset until it settles (twice is enough across a DST change).
  for (let i = 0; i < 3; i++) {
    const p = wallClock(guess, timeZone);
    guess -= Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wanted;
  }
  return guess;
}

const nextDay = (d: Day): Day => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};
const isoWeekday = (d: Day) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7;
const dayOf = (at: number, timeZone: string): Day => {
  const p = wallClock(at, timeZone);
  return { year: p.year, month: p.month, day: p.day };
};

const alwaysOpen = (hours: BusinessHours) => hours.days.length === 0 || hours.end <= hours.start;

/** Each business-hours window [open, close) from the local day of `from` on, for at most `maxDays` days. */
function* windows(from: number, hours: BusinessHours, timeZone: string, maxDays = 400): Generator<[number, number]> {
  let d = dayOf(from, timeZone);
  for (let i = 0; i < maxDays; i++, d = nextDay(d)) {
    if (!hours.days.includes(isoWeekday(d))) continue;
    yield [zonedInstant(d, hours.start, timeZone), zonedInstant(d, hours.end, timeZone)];
  }
}

/** When `minutes` of business time will have passed after `start`. */
export function addBusinessMinutes(start: number, minutes: number, hours: BusinessHours, timeZone: string): number {
  if (alwaysOpen(hours)) return start + minutes * 60_000;
  let remaining = minutes * 60_000;
  for (const [open, close] of windows(start, hours, timeZone)) {
    const from = Math.max(open, start);
    if (from >= close) continue;
    if (remaining <= close - from) return from + remaining;
    remaining -= close - from;
  }
  return start + minutes * 60_000;
}

/** Business milliseconds between two instants. */
export function businessMsBetween(start: number, end: number, hours: BusinessHours, timeZone: string): number {
  if (end <= start) return 0;
  if (alwaysOpen(hours)) return end - start;
  let total = 0;
  for (const [open, close] of windows(start, hours, timeZone)) {
    if (open >= end) break;
    total += Math.max(0, Math.min(close, end) - Math.max(open, start));
  }
  return total;
}
