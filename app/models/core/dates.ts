/**
 * Dates typed in forms ("2026-12-01T09:30" from datetime-local, "2026-12-01" from date inputs)
 * mean wall-clock time in the organisation's time zone; the database keeps epoch milliseconds.
 */
import type { Locale } from "#db/schema";
import { addDays, wallClock, zonedInstant } from "./wall-clock";

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
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
  return zonedInstant({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, Number(m[4]) * 60 + Number(m[5]), timeZone);
}

/** "2026-12-01" → the instant that day starts in the zone; `dayOffset` 1 gives the start of the next day. */
export function parseLocalDate(value: string, timeZone: string, dayOffset = 0): number | null {
  const m = LOCAL_DATE.exec(value);
  if (!m || !isLocalDate(value)) return null;
  return zonedInstant(addDays({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, dayOffset), 0, timeZone);
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
