import type { Locale } from "#db/schema";
import { formatDateTime } from "~/models/core/dates";

/** The clock shown on an open report: wall-clock minutes to the business-hours deadline (negative: overdue). */
export function slaClock(
  report: { due_at: number; target_minutes?: number; first_response_at: number | null; breached_at: number | null },
  now: number,
  locale: Locale,
  timeZone: string,
  targetMinutes = report.target_minutes ?? 0,
) {
  return {
    dueAt: formatDateTime(report.due_at, locale, timeZone),
    minutesLeft: Math.floor((report.due_at - now) / 60_000),
    targetMinutes,
    answered: report.first_response_at !== null,
    breached: report.breached_at !== null,
  };
}

/** A link care can open: only http(s), which is all a report ever stores. */
export const safeHref = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);
