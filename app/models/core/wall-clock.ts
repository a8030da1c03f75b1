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

export interface WallTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl's answer: a few microseconds a call. */
function formatted(at: number, timeZone: string): WallTime {
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
  return values as unknown as WallTime;
}

/** The zone's offset from UTC at `at`, in milliseconds (whole seconds). */
function offsetAt(at: number, timeZone: string): number {
  const p = formatted(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

// Zones change their offset at whole quarter hours (every offset in use is a multiple of 15 minutes), so
// each zone's offset is kept per quarter hour: measured at both ends, and used only when they agree (a
// slot holding a change asks Intl each time). Outside 1970–2199 every call asks Intl.
const SLOT = 900_000;
const CACHED_UNTIL = Date.UTC(2200, 0, 1);
const MAX_SLOTS = 20_000;
const offsets = new Map<string, Map<number, number>>();

/** The zone's calendar date and time at `at`; throws a RangeError for an unknown zone. */
export function wallClock(at: number, timeZone: string): WallTime {
  if (!(at >= 0 && at < CACHED_UNTIL)) return formatted(at, timeZone);
  let zone = offsets.get(timeZone);
  if (!zone) {
    offsetAt(at, timeZone); // an unknown zone throws here, before it is kept
    offsets.set(timeZone, (zone = new Map()));
  }
  const slot = Math.floor(at / SLOT);
  let offset = zone.get(slot);
  if (offset === undefined) {
    const start = offsetAt(slot * SLOT, timeZone);
    offset = start === offsetAt(slot * SLOT + SLOT - 1, timeZone) ? start : NaN;
    if (zone.size >= MAX_SLOTS) zone.clear();
    zone.set(slot, offset);
  }
  if (Number.isNaN(offset)) return formatted(at, timeZone);
  const shown = new Date(at + offset);
  return {
    year: shown.getUTCFullYear(),
    month: shown.getUTCMonth() + 1,
    day: shown.getUTCDate(),
    hour: shown.getUTCHours(),
    minute: shown.getUTCMinutes(),
    second: shown.getUTCSeconds(),
  };
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
