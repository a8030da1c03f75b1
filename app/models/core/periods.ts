/** Calendar periods in the organisation's time zone. Weeks start on Monday. */

export const DEFAULT_TIME_ZONE = "Europe/Madrid";

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
  return f;
}

function parts(at: number, timeZone: string) {
  const values: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(at))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export function localDate(at: number, timeZone: string): LocalDate {
  const { year, month, day } = parts(at, timeZone);
  return { year, month, day };
}

export const isValidTimeZone = (timeZone: string) => {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
};

const pad = (n: number) => String(n).padStart(2, "0");
export const formatLocalDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/** Days are counted on a UTC calendar, which has no daylight-saving jumps. */
function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function mondayOf(d: LocalDate): LocalDate {
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay(); // 0 = Sunday
  return addDays(d, -((weekday + 6) % 7));
}

/** The instant at which a local date starts (local midnight) in the time zone. */
export function startOfLocalDay(d: LocalDate, timeZone: string): number {
  // Start from UTC midnight and correct by the zone's offset, twice to settle across DST changes.
  let guess = Date.UTC(d.year, d.month - 1, d.day);
  for (let i = 0; i < 2; i++) {
    const p = parts(guess, timeZone);
    const shownAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess -= shownAsUtc - Date.UTC(d.year, d.month - 1, d.day);
  }
  return guess;
}

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
