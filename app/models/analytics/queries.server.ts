/**
 * Communications analytics over a time range: shares, clicks, unique clicks, reach, CTR and earned
 * media value per item, network, department, campaign and person, participation, and trends over time.
 * One share's own figures (per tracked link) are in share.server.ts `sharedLinkMetrics`.
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
import type { DB } from "~/utils/db.server";
import { clickThroughRate, earnedMediaValue, getEmvRates, type EmvRates } from "~/models/sharing/amplification.server";
import { onboardedPeople } from "~/models/onboarding/status.server";
import { periodContaining, startOfLocalDay, localDate, type LocalDate } from "~/models/core/periods";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";

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

type Counts = { shares: number; clicks: number; uniqueClicks: number; reach: number; ambassadors: number };

/** (group key, network) → counts, from shares and clicks in the range. */
async function countsBy(db: DB, table: AnalyticsTable, range: Range): Promise<Map<string, Map<string, Counts>>> {
  const shareKey = {
    items: "shares.item_id",
    networks: "shares.network",
    departments: "users.department_id",
    campaigns: "content_items.campaign_id",
    people: "shares.user_id",
  } as const;
  const clickKey = {
    items: "tracked_links.item_id",
    networks: "tracked_links.network",
    departments: "users.department_id",
    campaigns: "content_items.campaign_id",
    people: "tracked_links.user_id",
  } as const;
  const shares = await db
    .selectFrom("shares")
    .innerJoin("users", "users.id", "shares.user_id")
    .leftJoin("content_items", "content_items.id", "shares.item_id")
    .select((eb) => [
      eb.ref(shareKey[table]).as("key"),
      "shares.network as network",
      eb.fn.countAll<number>().as("shares"),
      eb.fn.coalesce(eb.fn.sum<number>(eb.case().when("shares.scored", "=", 1).then(eb.ref("shares.reach")).else(0).end()), sql<number>`0`).as("reach"),
      eb.fn.count<number>("shares.user_id").distinct().as("ambassadors"),
    ])
    .where("shares.created_at", ">=", range.start)
    .where("shares.created_at", "<", range.end)
    .groupBy([shareKey[table], "shares.network"])
    .execute();
  const clicks = await db
    .selectFrom("link_clicks")
    .innerJoin("tracked_links", "tracked_links.id", "link_clicks.link_id")
    .innerJoin("users", "users.id", "tracked_links.user_id")
    .leftJoin("content_items", "content_items.id", "tracked_links.item_id")
    .select((eb) => [
      eb.ref(clickKey[table]).as("key"),
      "tracked_links.network as network",
      eb.fn.countAll<number>().as("clicks"),
      eb.fn.sum<number>("link_clicks.is_unique").as("unique_clicks"),
    ])
    .where("link_clicks.clicked_at", ">=", range.start)
    .where("link_clicks.clicked_at", "<", range.end)
    .where("link_clicks.is_self", "=", 0)
    .groupBy([clickKey[table], "tracked_links.network"])
    .execute();
  const result = new Map<string, Map<string, Counts>>();
  const cell = (key: string | null, network: string) => {
    const k = key ?? "";
    let byNetwork = result.get(k);
    if (!byNetwork) result.set(k, (byNetwork = new Map()));
    let counts = byNetwork.get(network);
    if (!counts) byNetwork.set(network, (counts = { shares: 0, clicks: 0, uniqueClicks: 0, reach: 0, ambassadors: 0 }));
    return counts;
  };
  for (const s of shares) {
    const c = cell(s.key, s.network);
    c.shares += Number(s.shares);
    c.reach += Number(s.reach);
    c.ambassadors += Number(s.ambassadors);
  }
  for (const k of clicks) {
    const c = cell(k.key, k.network);
    c.clicks += Number(k.clicks);
    c.uniqueClicks += Number(k.unique_clicks);
  }
  return result;
}

function summarise(key: string, label: string, byNetwork: Map<string, Counts>, rates: EmvRates): AmplificationRow {
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

async function labels(db: DB, table: AnalyticsTable, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter(Boolean);
  if (table === "networks" || ids.length === 0) return new Map();
  const rows: { id: string; label: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    if (table === "items") rows.push(...(await db.selectFrom("content_items").select(["id", "title as label"]).where("id", "in", part).execute()));
    if (table === "departments") rows.push(...(await db.selectFrom("departments").select(["id", "name as label"]).where("id", "in", part).execute()));
    if (table === "campaigns") rows.push(...(await db.selectFrom("campaigns").select(["id", "name as label"]).where("id", "in", part).execute()));
    if (table === "people") rows.push(...(await db.selectFrom("users").select(["id", "name as label"]).where("id", "in", part).execute()));
  }
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** Onboarded people per department ("" = none): active accounts. */
async function peopleByDepartment(db: DB): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("users")
    .select(["department_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "active")
    .groupBy("department_id")
    .execute();
  return new Map(rows.map((r) => [r.department_id ?? "", Number(r.n)]));
}

/**
 * One table's rows, most shares first. Labels for "none" and unknown networks are left to the
 * caller (label ""), so they can be translated.
 */
export async function amplificationTable(db: DB, table: AnalyticsTable, range: Range): Promise<{ rows: AmplificationRow[]; total: AmplificationRow }> {
  const [counts, rates] = await Promise.all([countsBy(db, table, range), getEmvRates(db)]);
  const names = await labels(db, table, [...counts.keys()]);
  const people = table === "departments" ? await peopleByDepartment(db) : null;
  const rows = [...counts.entries()].map(([key, byNetwork]) => {
    const row = summarise(key, table === "networks" ? key : names.get(key) ?? "", byNetwork, rates);
    if (people) {
      row.ambassadors = [...byNetwork.values()].reduce((s, c) => s + c.ambassadors, 0);
      row.people = people.get(key) ?? 0;
    }
    return row;
  });
  if (people) {
    // People who shared on several networks were counted once per network above; count them once.
    const distinct = await db
      .selectFrom("shares")
      .innerJoin("users", "users.id", "shares.user_id")
      .select(["users.department_id", (eb) => eb.fn.count<number>("shares.user_id").distinct().as("n")])
      .where("shares.created_at", ">=", range.start)
      .where("shares.created_at", "<", range.end)
      .groupBy("users.department_id")
      .execute();
    const byDepartment = new Map(distinct.map((d) => [d.department_id ?? "", Number(d.n)]));
    for (const row of rows) row.ambassadors = byDepartment.get(row.key) ?? 0;
  }
  rows.sort((a, b) => b.shares - a.shares || b.clicks - a.clicks || a.label.localeCompare(b.label));
  const all = new Map<string, Counts>();
  for (const byNetwork of counts.values()) {
    for (const [network, c] of byNetwork) {
      const t = all.get(network) ?? { shares: 0, clicks: 0, uniqueClicks: 0, reach: 0, ambassadors: 0 };
      all.set(network, { shares: t.shares + c.shares, clicks: t.clicks + c.clicks, uniqueClicks: t.uniqueClicks + c.uniqueClicks, reach: t.reach + c.reach, ambassadors: 0 });
    }
  }
  return { rows, total: summarise("", "", all, rates) };
}

export interface Participation {
  ambassadors: number;
  onboarded: number;
  /** null when nobody is onboarded. */
  rate: number | null;
}

/** Onboarded people who shared at least once in the range ÷ onboarded people (certified ambassadors). */
export async function participation(db: DB, range: Range): Promise<Participation> {
  const [shared, onboarded] = await Promise.all([
    db
      .selectFrom("shares")
      .select((eb) => eb.fn.count<number>("shares.user_id").distinct().as("n"))
      .where("shares.user_id", "in", onboardedPeople(db))
      .where("shares.created_at", ">=", range.start)
      .where("shares.created_at", "<", range.end)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(onboardedPeople(db).as("o"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const ambassadors = Number(shared.n);
  const people = Number(onboarded.n);
  return { ambassadors, onboarded: people, rate: people > 0 ? ambassadors / people : null };
}

export type Granularity = "day" | "week" | "month";

export interface TrendPoint {
  start: number;
  shares: number;
  clicks: number;
  uniqueClicks: number;
  ambassadors: number;
}

const addDays = (d: LocalDate, n: number): LocalDate => {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
};

/** Bucket starts covering the range in the zone: days up to two months, weeks up to a year and a half, months beyond. */
export function trendBuckets(range: Range, timeZone: string): { granularity: Granularity; starts: number[] } {
  const days = (range.end - range.start) / 86_400_000;
  const granularity: Granularity = days <= 62 ? "day" : days <= 550 ? "week" : "month";
  const starts: number[] = [];
  if (granularity === "day") {
    for (let d = localDate(range.start, timeZone), t = startOfLocalDay(d, timeZone); t < range.end; d = addDays(d, 1), t = startOfLocalDay(d, timeZone)) starts.push(t);
  } else {
    for (let p = periodContaining(granularity, range.start, timeZone); p.start < range.end; p = periodContaining(granularity, p.end, timeZone)) starts.push(p.start);
  }
  starts[0] = Math.max(starts[0], range.start);
  return { granularity, starts };
}

/** Which bucket an instant falls in: a CASE over the bucket starts (bound as parameters), the same SQL on both dialects. */
function bucketOf(column: string, starts: number[]) {
  const whens = starts.slice(1).map((start, i) => sql`when ${sql.ref(column)} < ${start} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(starts.length - 1)} end`;
}

export async function trend(db: DB, range: Range, timeZone: string): Promise<{ granularity: Granularity; points: TrendPoint[] }> {
  const { granularity, starts } = trendBuckets(range, timeZone);
  const shares = await db
    .selectFrom(
      db
        .selectFrom("shares")
        .select([bucketOf("shares.created_at", starts).as("bucket"), "shares.user_id"])
        .where("shares.created_at", ">=", range.start)
        .where("shares.created_at", "<", range.end)
        .as("s"),
    )
    .select((eb) => ["s.bucket", eb.fn.countAll<number>().as("shares"), eb.fn.count<number>("s.user_id").distinct().as("ambassadors")])
    .groupBy("s.bucket")
    .execute();
  const clicks = await db
    .selectFrom(
      db
        .selectFrom("link_clicks")
        .select([bucketOf("link_clicks.clicked_at", starts).as("bucket"), "link_clicks.is_unique"])
        .where("link_clicks.clicked_at", ">=", range.start)
        .where("link_clicks.clicked_at", "<", range.end)
        .where("link_clicks.is_self", "=", 0)
        .as("c"),
    )
    .select((eb) => ["c.bucket", eb.fn.countAll<number>().as("clicks"), eb.fn.sum<number>("c.is_unique").as("unique_clicks")])
    .groupBy("c.bucket")
    .execute();
  const points: TrendPoint[] = starts.map((start) => ({ start, shares: 0, clicks: 0, uniqueClicks: 0, ambassadors: 0 }));
  for (const s of shares) Object.assign(points[Number(s.bucket)], { shares: Number(s.shares), ambassadors: Number(s.ambassadors) });
  for (const c of clicks) Object.assign(points[Number(c.bucket)], { clicks: Number(c.clicks), uniqueClicks: Number(c.unique_clicks) });
  return { granularity, points };
}
