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
 * - participation: certified ambassadors (active people who finished onboarding, see onboarding.server.ts)
 *   who shared at least once in the range ÷ certified ambassadors.
 */
import { sql } from "kysely";
import type { RollupDimension } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { clickThroughRate, earnedMediaValue, getEmvRates, type EmvRates } from "~/models/sharing/amplification.server";
import { onboardedPeople } from "~/models/onboarding/status.server";
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
 * Onboarded people who shared at least once in the range ÷ onboarded people (certified ambassadors).
 * Everyone who shared comes from the sharing gaps; those who are not onboarded (yet, or any more)
 * are taken off by looking up only their own rows.
 */
export async function participation(db: DB, range: Range, timeZone?: string): Promise<Participation> {
  const zone = timeZone ?? (await getOrganisationTimeZone(db));
  const days = rangeDays(range, zone);
  const blocks = rangeBlocks(range, zone);
  const [everyone, notOnboarded, onboarded] = await Promise.all([
    days ? sharersBetween(db, "all", days.from, days.to) : new Map<string, number>(),
    blocks.length === 0 ? { n: 0 } : notOnboardedSharers(db, blocks),
    db
      .selectFrom(onboardedPeople(db).as("o"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const ambassadors = (everyone.get("") ?? 0) - Number(notOnboarded.n);
  const people = Number(onboarded.n);
  return { ambassadors, onboarded: people, rate: people > 0 ? ambassadors / people : null };
}

/**
 * People who are not onboarded and shared in the periods: their own any-network rows, by primary
 * key (dimension, grain, period, key). The people who are not onboarded are worked out once, in a
 * materialized common table expression: as a subquery of `rollupsIn` they were worked out again in
 * each of the periods' grain branches (every user read once per branch). The network and shares
 * conditions are written so that SQLite cannot answer them from the ranking index, which would read
 * every sharer of every period (nearly everyone shares in a year) instead of these people's keys.
 */
function notOnboardedSharers(db: DB, blocks: RollupPeriod[]) {
  return db
    .with(
      (cte) => cte("not_onboarded").materialized(),
      (w) => w.selectFrom("users").select("id").where("id", "not in", onboardedPeople(db)),
    )
    .selectFrom(rollupsIn(db, "person", blocks, sql<string>`(select id from not_onboarded)`).as("r"))
    .select((eb) => eb.fn.count<number>("r.key").distinct().as("n"))
    .where(sql<boolean>`r.network || '' = ''`)
    .where(sql<boolean>`r.shares + 0 > 0`)
    .executeTakeFirstOrThrow();
}
