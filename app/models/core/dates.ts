/**
 * Dates typed in forms ("2026-12-01T09:30" from datetime-local, "2026-12-01" from date inputs)
 * mean wall-clock time in the organisation's time zone; the database keeps epoch milliseconds.
 */
import type { Locale } from "#db/schema";

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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
  const values: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== "literal") values[part.type] = Number(part.value);
  return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The instant a wall-clock time happens in the zone (the later one when a DST change repeats it). */
function zonedToEpoch(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const target = Date.UTC(year, month - 1, day, hour, minute);
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const p = wallClock(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    if (shown === target) break;
    guess -= shown - target;
  }
  return guess;
}

export const isLocalDateTime = (value: string) => {
  const m = LOCAL_DATE_TIME.exec(value);
  return Boolean(m && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60);
};

export const isLocalDate = (value: string) => {
  const m = LOCAL_DATE.exec(value);
  return Boolean(m && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])));
};

/** "2026-12-01T09:30" in the zone → epoch ms; null when malformed. */
export function parseLocalDateTime(value: string, timeZone: string): number | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m || !isLocalDateTime(value)) return null;
  return zonedToEpoch(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), timeZone);
}

/** "2026-12-01" → the instant that day starts in the zone; `dayOffset` 1 gives the start of the next day. */
export function parseLocalDate(value: string, timeZone: string, dayOffset = 0): number | null {
  const m = LOCAL_DATE.exec(value);
  if (!m || !isLocalDate(value)) return null;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + dayOffset));
  return zonedToEpoch(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0, timeZone);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Epoch ms → "2026-12-01T09:30" in the zone, for a datetime-local input. */
export function toLocalDateTimeInput(at: number | null, timeZone: string): string {
  if (at === null) return "";
  const p = wallClock(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Epoch ms → "2026-12-01" in the zone, for a date input. */
export function toLocalDateInput(at: number, timeZone: string): string {
  const p = wallClock(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time for people to read, formatted on the server so the browser renders the same text. */
export function formatDateTime(at: number | null, locale: Locale, timeZone: string, withTime = true): string {
  if (at === null) return "";
  const key = `${locale}|${timeZone}|${withTime}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale === "es" ? "es-ES" : "en-GB",
      withTime ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone },
    );
    displayFormatters.set(key, f);
  }
  return f.format(new Date(at));
}
