/** Conversion figures as the pages show them, formatted on the server for the reader's language. */
import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { ANALYTICS_TABLES, type AnalyticsTable, type Range } from "~/models/analytics/queries.server";
import type { SharedLinkMetrics } from "~/models/sharing/share-metrics.server";
import type { DB } from "~/utils/db.server";
import { conversionTable, linkConversions, type ConversionRow } from "./report.server";

function formatters(locale: Locale, currency: string) {
  const tag = locale === "es" ? "es-ES" : "en-GB";
  return {
    int: new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }),
    percent: new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 2 }),
    money: new Intl.NumberFormat(tag, { style: "currency", currency, maximumFractionDigits: 2 }),
  };
}

function labelOf(t: TFunction, table: AnalyticsTable, row: ConversionRow): string {
  if (table === "networks") return t(`scoring.networks.${row.key}`, { defaultValue: row.key });
  if (!row.key) return t("conversions.analytics.none");
  return row.label || t("analytics.unknown");
}

/** Every breakdown of the analytics page that has conversions in the range (top rows only). */
export async function presentConversionTables(
  db: DB,
  t: TFunction,
  range: Range,
  options: { locale: Locale; currency: string; timeZone: string; limit: number },
) {
  const f = formatters(options.locale, options.currency);
  const cells = (table: AnalyticsTable, r: ConversionRow) => ({
    key: r.key,
    label: table === "networks" || r.key || r.conversions ? labelOf(t, table, r) : "",
    uniqueClicks: f.int.format(r.uniqueClicks),
    conversions: f.int.format(r.conversions),
    rate: r.rate === null ? "—" : f.percent.format(r.rate),
    leads: f.int.format(r.leads),
    sales: f.int.format(r.sales),
    value: f.money.format(r.value),
  });
  const tables = await Promise.all(
    ANALYTICS_TABLES.map((table) => conversionTable(db, table, range, { timeZone: options.timeZone, limit: options.limit })),
  );
  return ANALYTICS_TABLES.map((table, i) => ({
    table,
    rows: tables[i].rows.map((r) => cells(table, r)),
    total: cells(table, tables[i].total),
  })).filter((x) => x.rows.length > 0);
}

/** My shares: the page's links that brought conversions. */
export async function presentLinkConversions(
  db: DB,
  t: TFunction,
  rows: SharedLinkMetrics[],
  options: { locale: Locale; currency: string },
) {
  const f = formatters(options.locale, options.currency);
  const totals = await linkConversions(
    db,
    rows.map((r) => r.linkId),
  );
  return rows.flatMap((r) => {
    const c = totals.get(r.linkId);
    if (!c || c.conversions === 0) return [];
    return [
      {
        linkId: r.linkId,
        item: r.itemTitle,
        network: t(`scoring.networks.${r.network}`, { defaultValue: r.network }),
        uniqueClicks: f.int.format(r.uniqueClicks),
        conversions: f.int.format(c.conversions),
        rate: r.uniqueClicks > 0 ? f.percent.format(c.conversions / r.uniqueClicks) : "—",
        value: f.money.format(c.value),
      },
    ];
  });
}
