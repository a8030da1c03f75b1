/** A person's shares as the pages show them: numbers and dates formatted on the server for the reader's language. */
import type { Locale } from "#db/schema";
import { formatDateTime } from "~/models/core/dates";
import type { SharedLinkMetrics } from "~/models/sharing/share-metrics.server";

export function presentSharedLinks(rows: SharedLinkMetrics[], options: { locale: Locale; currency: string; timeZone: string }) {
  const tag = options.locale === "es" ? "es-ES" : "en-GB";
  const int = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 2 });
  const money = new Intl.NumberFormat(tag, { style: "currency", currency: options.currency, maximumFractionDigits: 2 });
  return rows.map((r) => ({
    key: r.linkId,
    itemId: r.itemId,
    itemTitle: r.itemTitle,
    network: r.network,
    shares: int.format(r.shares),
    lastShared: formatDateTime(r.lastSharedAt, options.locale, options.timeZone),
    clicks: int.format(r.clicks),
    uniqueClicks: int.format(r.uniqueClicks),
    reach: int.format(r.reach),
    ctr: r.ctr === null ? "—" : percent.format(r.ctr),
    emv: money.format(r.emv),
    points: int.format(r.points),
  }));
}

export type PresentedSharedLink = ReturnType<typeof presentSharedLinks>[number];
