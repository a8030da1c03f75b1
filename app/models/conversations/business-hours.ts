/** The first-response clock: minutes that count only inside business hours, in the organisation's time zone. */
import { addDays, isoWeekday, localDate, zonedInstant } from "~/models/core/wall-clock";

export interface BusinessHours {
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). Empty: the clock always runs. */
  days: number[];
  /** Opening and closing, minutes after local midnight (e.g. 9:00 = 540). */
  start: number;
  end: number;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { days: [1, 2, 3, 4, 5], start: 8 * 60, end: 20 * 60 };

const alwaysOpen = (hours: BusinessHours) => hours.days.length === 0 || hours.end <= hours.start;

/** Each business-hours window [open, close) from the local day of `from` on, for at most `maxDays` days. */
function* windows(from: number, hours: BusinessHours, timeZone: string, maxDays = 400): Generator<[number, number]> {
  let d = localDate(from, timeZone);
  for (let i = 0; i < maxDays; i++, d = addDays(d, 1)) {
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
