/**
 * The analytics page and its CSV exports share this: the date range from the query string
 * (whole local days in the organisation's zone, falling back with a notice), and each table as
 * translated headers plus rows.
 */
import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { formatDateTime, isLocalDate, parseLocalDate, toLocalDateInput } from "~/models/core/dates";
import type { AmplificationRow, AnalyticsTable, Range } from "./queries.server";
import type { Granularity, TrendPoint } from "./trend.server";

const DAY = 86_400_000;
export const DEFAULT_DAYS = 90;
export const MAX_DAYS = 3 * 366;

export interface RangeChoice {
  from: string;
  to: string;
  range: Range;
  notices: string[];
}

/** from/to as YYYY-MM-DD, both days included; default the last 90 days up to today. */
export function parseRange(params: URLSearchParams, timeZone: string, now = Date.now()): RangeChoice {
  const notices: string[] = [];
  const today = toLocalDateInput(now, timeZone);
  const defaultFrom = toLocalDateInput(now - (DEFAULT_DAYS - 1) * DAY, timeZone);
  let from = params.get("from") || defaultFrom;
  let to = params.get("to") || today;
  if (!isLocalDate(from) || !isLocalDate(to)) {
    notices.push("analytics.notices.badDate");
    from = isLocalDate(from) ? from : defaultFrom;
    to = isLocalDate(to) ? to : today;
  }
  if (to < from) {
    notices.push("analytics.notices.swapped");
    [from, to] = [to, from];
  }
  let start = parseLocalDate(from, timeZone) ?? 0;
  const end = parseLocalDate(to, timeZone, 1) ?? 0;
  if (end - start > MAX_DAYS * DAY) {
    notices.push("analytics.notices.tooLong");
    start = end - MAX_DAYS * DAY;
    from = toLocalDateInput(start, timeZone);
    start = parseLocalDate(from, timeZone) ?? start;
  }
  return { from, to, range: { start, end }, notices };
}

export function parseTable(value: string | null): AnalyticsTable | "trend" | null {
  return value === "items" ||
    value === "networks" ||
    value === "departments" ||
    value === "campaigns" ||
    value === "people" ||
    value === "trend"
    ? value
    : null;
}

/** The label of a row: translated network names and "none" for rows without a department or campaign. */
export function rowLabel(t: TFunction, table: AnalyticsTable, row: AmplificationRow): string {
  if (table === "networks") return t(`scoring.networks.${row.key}`, { defaultValue: row.key });
  if (!row.key) return t(`analytics.none.${table}`);
  return row.label || t("analytics.unknown");
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Translation key of a table's first column ("people" is already the onboarded-people column). */
export const firstColumnKey = (table: string) => `analytics.columns.${table === "people" ? "person" : table}`;

/** The CSV columns of a table and each row's cells. */
export function amplificationCsvColumns(t: TFunction, table: AnalyticsTable, currency: string) {
  const departments = table === "departments";
  const fields = [
    t(firstColumnKey(table)),
    t("analytics.columns.shares"),
    t("analytics.columns.clicks"),
    t("analytics.columns.uniqueClicks"),
    t("analytics.columns.reach"),
    t("analytics.columns.ctrPercent"),
    t("analytics.columns.emvIn", { currency }),
    ...(departments
      ? [t("analytics.columns.ambassadors"), t("analytics.columns.people"), t("analytics.columns.participationPercent")]
      : []),
  ];
  const cells = (r: AmplificationRow) => [
    rowLabel(t, table, r),
    r.shares,
    r.clicks,
    r.uniqueClicks,
    r.reach,
    r.ctr === null ? "" : round(r.ctr * 100, 2),
    round(r.emv, 2),
    ...(departments ? [r.ambassadors ?? 0, r.people ?? 0, r.people ? round(((r.ambassadors ?? 0) / r.people) * 100, 1) : ""] : []),
  ];
  return { fields, cells };
}

export function trendLabel(start: number, granularity: Granularity, locale: Locale, timeZone: string): string {
  if (granularity === "month")
    return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { month: "short", year: "numeric", timeZone }).format(
      new Date(start),
    );
  return formatDateTime(start, locale, timeZone, false);
}

export function trendCsvColumns(t: TFunction, granularity: Granularity, timeZone: string) {
  const fields = [
    t(`analytics.trend.${granularity}`),
    t("analytics.columns.shares"),
    t("analytics.columns.clicks"),
    t("analytics.columns.uniqueClicks"),
    t("analytics.columns.ambassadors"),
  ];
  const cells = (p: TrendPoint) => [toLocalDateInput(p.start, timeZone), p.shares, p.clicks, p.uniqueClicks, p.ambassadors];
  return { fields, cells };
}

const formats = new Map<string, { int: Intl.NumberFormat; percent: Intl.NumberFormat; money: Intl.NumberFormat }>();

/** Building an Intl formatter costs far more than using one: one set per language and currency. */
function numberFormats(locale: Locale, currency: string) {
  const id = `${locale}|${currency}`;
  let f = formats.get(id);
  if (!f) {
    const tag = locale === "es" ? "es-ES" : "en-GB";
    f = {
      int: new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }),
      percent: new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 2 }),
      money: new Intl.NumberFormat(tag, { style: "currency", currency, maximumFractionDigits: 2 }),
    };
    formats.set(id, f);
  }
  return f;
}

/** A row with its numbers formatted for the reader's language (on the server, so the browser shows the same). */
export function presentRow(t: TFunction, table: AnalyticsTable, row: AmplificationRow, locale: Locale, currency: string) {
  const { int, percent, money } = numberFormats(locale, currency);
  return {
    key: row.key || "none",
    label: rowLabel(t, table, row),
    shares: int.format(row.shares),
    clicks: int.format(row.clicks),
    uniqueClicks: int.format(row.uniqueClicks),
    reach: int.format(row.reach),
    ctr: row.ctr === null ? "—" : percent.format(row.ctr),
    emv: money.format(row.emv),
    ambassadors: row.ambassadors === undefined ? null : int.format(row.ambassadors),
    people: row.people === undefined ? null : int.format(row.people),
    participation: row.people ? percent.format((row.ambassadors ?? 0) / row.people) : row.people === undefined ? null : "—",
  };
}
