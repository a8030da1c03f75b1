/**
 * Communications analytics over a time range: shares, clicks, unique clicks, reach, CTR and earned
 * media value per item, network, department, campaign and person, and participation; trends over time
 * are in trend.server.ts.
 * One share's own figures (per tracked link) are in sharing/share-metrics.server.ts `sharedLinkMetrics`.
 * Everything is read from analytics_rollups (analytics/rollups.server.ts), never from shares or clicks.
 *
 * Definitions (also shown on the page):
 * - shares: rows of `shares` made in the range;
 * - reach: for each share that scored, the sharer's followers on that network when they shared
 *   (shares.reach, a snapshot: later changes to follower counts do not rewrite history; a re-share
 *   within 24 h reaches the same people and adds none);
 * - clicks: clicks on tracked links in the range, except the sharer's own; unique clicks: the
 *   first visit of a visitor to a link on a day (clicks after an item expired still count here: they
 *   are real visits, they just earn no points);
 * - CTR = clicks ÷ reach; EMV = unique clicks × CPC(network) + reach ÷ 1000 × CPM(network), with
 *   the rates an administrator sets (amplification.emvRates), computed per network and summed;
 * - department: the sharer's current department; campaign: the item's campaign; person: the sharer;
 * - participation: certified ambassadors (active employees who finished onboarding, as the HR dashboard
 *   counts them) who shared at least once in the range ÷ certified ambassadors.
 */
import type { RollupDimension } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { clickThroughRate, earnedMediaValue, getEmvRates, type EmvRates } from "~/models/sharing/amplification.server";
import { localDate } from "~/models/core/periods";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { blocksBetween, type RollupPeriod } from "./rollup-periods";
import { rollupsIn } from "./rollups.server";
import { sharersBetween } from "./sharing-gaps.server";
import { topKeys } from "./top-sharers.server";
import { formatLocalDate } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";

export const ANALYTICS_TABLES = ["items", "networks", "departments", "campaigns", "people"] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

export interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface AmplificationRow {
  /** Item, network, department, campaign or person id; "" for none (no department, no campaign). */
  key: string;
  label: string;
  shares: number;
  clicks: number;
  uniqueClicks: number;
  reach: number;
  /** null when there is no reach to divide by. */
  ctr: number | null;
  emv: number;
  /** Departments only: people who shared in the range. */
  ambassadors?: number;
  /** Departments only: onboarded (active) people. */
  people?: number;
}

const isNetwork = (n: string): n is ShareNetwork => (SHARE_NETWORKS as readonly string[]).includes(n);

export type Counts = { shares: number; clicks: number; uniqueClicks: number; reach: number };

const DIMENSION: Record<AnalyticsTable, RollupDimension> = {
  items: "item",
  networks: "all",
  departments: "department",
  campaigns: "campaign",
  people: "person",
};

/** The rollup periods covering a range of whole local days (the range's first to its last day). */
export function rangeBlocks(range: Range, timeZone: string): RollupPeriod[] {
  if (range.end <= range.start) return [];
  return blocksBetween(formatLocalDate(localDate(range.start, timeZone)), formatLocalDate(localDate(range.end - 1, timeZone)));
}

/** (group key, network) → counts over the periods. */
async function countsBy(db: DB, table: AnalyticsTable, blocks: RollupPeriod[], keys?: string[]): Promise<Map<string, Map<string, Counts>>> {
  const result = new Map<string, Map<string, Counts>>();
  if (blocks.length === 0 || keys?.length === 0) return result;
  const rows = await db
    .selectFrom(rollupsIn(db, DIMENSION[table], blocks, keys).as("r"))
    .select((eb) => [
      "r.key",
      "r.network",
      eb.fn.sum<number>("r.shares").as("shares"),
      eb.fn.sum<number>("r.reach").as("reach"),
      eb.fn.sum<number>("r.clicks").as("clicks"),
      eb.fn.sum<number>("r.unique_clicks").as("unique_clicks"),
    ])
    .where("r.network", "!=", "")
    .groupBy(["r.key", "r.network"])
    .execute();
  for (const r of rows) {
    const key = table === "networks" ? r.network : r.key;
    let byNetwork = result.get(key);
    if (!byNetwork) result.set(key, (byNetwork = new Map()));
    byNetwork.set(r.network, {
      shares: Number(r.shares),
      reach: Number(r.reach),
      clicks: Number(r.clicks),
      uniqueClicks: Number(r.unique_clicks),
    });
  }
  return result;
}

export function summarise(key: string, label: string, byNetwork: Map<string, Counts>, rates: EmvRates): AmplificationRow {
  const row: AmplificationRow = { key, label, shares: 0, clicks: 0, uniqueClicks: 0, reach: 0, ctr: null, emv: 0 };
  for (const [network, c] of byNetwork) {
    row.shares += c.shares;
    row.clicks += c.clicks;
    row.uniqueClicks += c.uniqueClicks;
    row.reach += c.reach;
    if (isNetwork(network)) row.emv += earnedMediaValue(rates, network, c.uniqueClicks, c.reach);
  }
  row.ctr = row.reach > 0 ? clickThroughRate(row.clicks, row.reach) : null;
  row.emv = Math.round(row.emv * 100) / 100;
  return row;
}

export async function labels(db: DB, table: AnalyticsTable, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter(Boolean);
  if (table === "networks" || ids.length === 0) return new Map();
  const rows: { id: string; label: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    if (table === "items")
      rows.push(...(await db.selectFrom("content_items").select(["id", "title as label"]).where("id", "in", part).execute()));
    if (table === "departments")
      rows.push(...(await db.selectFrom("departments").select(["id", "name as label"]).where("id", "in", part).execute()));
    if (table === "campaigns")
      rows.push(...(await db.selectFrom("campaigns").select(["id", "name as label"]).where("id", "in", part).execute()));
    if (table === "people") rows.push(...(await db.selectFrom("users").select(["id", "name as label"]).where("id", "in", part).execute()));
  }
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** Onboarded people per department ("" = none): active accounts, counted by triggers on users (department_people). */
async function peopleByDepartment(db: DB): Promise<Map<string, number>> {
  const rows = await db.selectFrom("department_people").select(["department_id", "active"]).execute();
  return new Map(rows.map((r) => [r.department_id, Number(r.active)]));
}

export const byVolume = (a: AmplificationRow, b: AmplificationRow) => b.shares - a.shares || b.clicks - a.clicks;

/** The range's first and last local days (YYYY-MM-DD); null for an empty range. */
export function rangeDays(range: Range, timeZone: string): { from: string; to: string } | null {
  if (range.end <= range.start) return null;
  return { from: formatLocalDate(localDate(range.start, timeZone)), to: formatLocalDate(localDate(range.end - 1, timeZone)) };
}

/** Departments: people who shared in the range, each once, by their current department. */
async function ambassadorsByDepartment(db: DB, range: Range, timeZone: string): Promise<Map<string, number>> {
  const days = rangeDays(range, timeZone);
  return days ? sharersBetween(db, "department", days.from, days.to) : new Map();
}

/**
 * One table's rows, most shares first. Labels for "none" and unknown networks are left to the
 * caller (label ""), so they can be translated. With `limit`, only the first rows (and any tied
 * with the last) are labelled and returned, and `more` tells whether the table has other rows.
 */
export async function amplificationTable(
  db: DB,
  table: AnalyticsTable,
  range: Range,
  options: { timeZone?: string; limit?: number } = {},
): Promise<{ rows: AmplificationRow[]; total: AmplificationRow; more: boolean }> {
  const timeZone = options.timeZone ?? (await getOrganisationTimeZone(db));
  const blocks = rangeBlocks(range, timeZone);
  // Top people or items: only the leaders' rows; the total is everyone's, which the "all" rows hold.
  const ranked = table === "people" ? "person" : table === "items" ? "item" : null;
  const leaders = ranked && options.limit !== undefined && blocks.length > 0 ? await topKeys(db, ranked, blocks, options.limit) : null;
  const [counts, rates, everyone] = await Promise.all([
    countsBy(db, table, blocks, leaders ?? undefined),
    getEmvRates(db),
    leaders ? countsBy(db, "networks", blocks) : null,
  ]);
  let rows = [...counts.entries()]
    .map(([key, byNetwork]) => summarise(key, table === "networks" ? key : "", byNetwork, rates))
    .sort(byVolume);
  // topKeys answers only when more than the limit shared.
  const more = leaders !== null || (options.limit !== undefined && rows.length > options.limit);
  if (options.limit !== undefined && rows.length > options.limit) {
    const last = rows[options.limit - 1];
    rows = rows.filter((r, i) => i < options.limit! || byVolume(r, last) === 0);
  }
  const names = await labels(
    db,
    table,
    rows.map((r) => r.key),
  );
  for (const row of rows) if (table !== "networks") row.label = names.get(row.key) ?? "";
  if (table === "departments") {
    const [people, ambassadors] = await Promise.all([peopleByDepartment(db), ambassadorsByDepartment(db, range, timeZone)]);
    for (const row of rows) {
      row.ambassadors = ambassadors.get(row.key) ?? 0;
      row.people = people.get(row.key) ?? 0;
    }
  }
  rows.sort((a, b) => byVolume(a, b) || a.label.localeCompare(b.label));
  if (options.limit !== undefined) rows = rows.slice(0, options.limit);
  const all = new Map<string, Counts>();
  for (const byNetwork of (everyone ?? counts).values()) {
    for (const [network, c] of byNetwork) {
      const t = all.get(network) ?? { shares: 0, clicks: 0, uniqueClicks: 0, reach: 0 };
      all.set(network, {
        shares: t.shares + c.shares,
        clicks: t.clicks + c.clicks,
        uniqueClicks: t.uniqueClicks + c.uniqueClicks,
        reach: t.reach + c.reach,
      });
    }
  }
  return { rows, total: summarise("", "", all, rates), more };
}

export interface Participation {
  ambassadors: number;
  onboarded: number;
  /** null when nobody is onboarded. */
  rate: number | null;
}

/**
 * Certified ambassadors who shared at least once in the range ÷ certified ambassadors: the active
 * employees who finished onboarding, as the HR dashboard counts them (onboarding_progress). Those
 * who shared come from the sharing gaps of the ambassador scope, which follow each person's
 * standing; neither count reads a row per person and period.
 */
export async function participation(db: DB, range: Range, timeZone?: string): Promise<Participation> {
  const zone = timeZone ?? (await getOrganisationTimeZone(db));
  const days = rangeDays(range, zone);
  const [sharers, onboarded] = await Promise.all([
    days ? sharersBetween(db, "ambassador", days.from, days.to) : new Map<string, number>(),
    db
      .selectFrom("onboarding_progress")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("active", "=", 1)
      .where("ambassador", "=", 1)
      .executeTakeFirstOrThrow(),
  ]);
  const ambassadors = sharers.get("") ?? 0;
  const people = Number(onboarded.n);
  return { ambassadors, onboarded: people, rate: people > 0 ? ambassadors / people : null };
}
