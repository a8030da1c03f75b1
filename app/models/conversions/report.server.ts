/**
 * Conversions beside clicks: per network, campaign, department, person and item over a range
 * (read from conversion_rollups and analytics_rollups, never from conversions or clicks), and
 * per tracked link for My shares (link_conversion_totals).
 *
 * Definitions: conversions are events whose occurred_at falls in the range; conversion rate =
 * conversions ÷ unique clicks in the same range (null without unique clicks); value in the
 * organisation's currency.
 */
import type { RollupDimension } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { rangeBlocks, type AnalyticsTable, type Range } from "~/models/analytics/queries.server";
import { rollupsIn } from "~/models/analytics/rollups.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { conversionRollupsIn } from "./rollups.server";

export interface ConversionRow {
  /** Network, campaign, department, person or item id; "" for none. */
  key: string;
  label: string;
  uniqueClicks: number;
  conversions: number;
  leads: number;
  signups: number;
  sales: number;
  /** Organisation currency, major units. */
  value: number;
  rate: number | null;
}

const DIMENSION: Record<AnalyticsTable, RollupDimension> = {
  items: "item",
  networks: "all",
  departments: "department",
  campaigns: "campaign",
  people: "person",
};

const LABEL_TABLES = {
  items: ["content_items", "title"],
  departments: ["departments", "name"],
  campaigns: ["campaigns", "name"],
  people: ["users", "name"],
} as const;

async function labelsOf(db: DB, table: AnalyticsTable, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter(Boolean);
  if (table === "networks" || ids.length === 0) return new Map();
  const [from, column] = LABEL_TABLES[table];
  const rows: { id: string; label: string }[] = [];
  for (let i = 0; i < ids.length; i += 500)
    rows.push(
      ...(await db
        .selectFrom(from)
        .select(["id", `${column} as label`])
        .where("id", "in", ids.slice(i, i + 500))
        .execute()),
    );
  return new Map(rows.map((r) => [r.id, r.label]));
}

const rateOf = (conversions: number, uniqueClicks: number) => (uniqueClicks > 0 ? conversions / uniqueClicks : null);

const EMPTY_ROW: ConversionRow = {
  key: "",
  label: "",
  uniqueClicks: 0,
  conversions: 0,
  leads: 0,
  signups: 0,
  sales: 0,
  value: 0,
  rate: null,
};

type Blocks = ReturnType<typeof rangeBlocks>;

function groupKeyOf(table: AnalyticsTable) {
  return table === "networks" ? "r.network" : "r.key";
}

function convertedPerKey(db: DB, table: AnalyticsTable, blocks: Blocks) {
  const groupKey = groupKeyOf(table);
  return db
    .selectFrom(conversionRollupsIn(db, DIMENSION[table], blocks).as("r"))
    .select((eb) => [
      eb.ref(groupKey).as("k"),
      eb.fn.sum<number>("r.conversions").as("conversions"),
      eb.fn.sum<number>("r.leads").as("leads"),
      eb.fn.sum<number>("r.signups").as("signups"),
      eb.fn.sum<number>("r.sales").as("sales"),
      eb.fn.sum<number>("r.value_cents").as("value_cents"),
    ])
    .groupBy(groupKey)
    .execute();
}

async function uniqueClicksPerKey(db: DB, table: AnalyticsTable, blocks: Blocks): Promise<Map<string, number>> {
  const groupKey = groupKeyOf(table);
  const clicked = await db
    .selectFrom(rollupsIn(db, DIMENSION[table], blocks).as("r"))
    .select((eb) => [eb.ref(groupKey).as("k"), eb.fn.sum<number>("r.unique_clicks").as("unique_clicks")])
    .where("r.network", "!=", "")
    .groupBy(groupKey)
    .execute();
  return new Map(clicked.map((c) => [String(c.k), Number(c.unique_clicks)]));
}

function toConversionRow(
  table: AnalyticsTable,
  c: Awaited<ReturnType<typeof convertedPerKey>>[number],
  clicks: Map<string, number>,
): ConversionRow {
  const key = String(c.k);
  const uniqueClicks = clicks.get(key) ?? 0;
  const conversions = Number(c.conversions);
  return {
    key,
    label: table === "networks" ? key : "",
    uniqueClicks,
    conversions,
    leads: Number(c.leads),
    signups: Number(c.signups),
    sales: Number(c.sales),
    value: Number(c.value_cents) / 100,
    rate: rateOf(conversions, uniqueClicks),
  };
}

function totalOf(rows: ConversionRow[], clicks: Map<string, number>): ConversionRow {
  const total = { ...EMPTY_ROW, uniqueClicks: [...clicks.values()].reduce((a, b) => a + b, 0) };
  for (const r of rows) {
    total.conversions += r.conversions;
    total.leads += r.leads;
    total.signups += r.signups;
    total.sales += r.sales;
    total.value += r.value;
  }
  return { ...total, value: Math.round(total.value * 100) / 100, rate: rateOf(total.conversions, total.uniqueClicks) };
}

/** The table's rows with at least one conversion, most conversions first; `limit` keeps the first ones. */
export async function conversionTable(
  db: DB,
  table: AnalyticsTable,
  range: Range,
  options: { timeZone?: string; limit?: number } = {},
): Promise<{ rows: ConversionRow[]; total: ConversionRow }> {
  const blocks = rangeBlocks(range, options.timeZone ?? (await getOrganisationTimeZone(db)));
  if (blocks.length === 0) return { rows: [], total: { ...EMPTY_ROW } };
  const [converted, clicks] = await Promise.all([convertedPerKey(db, table, blocks), uniqueClicksPerKey(db, table, blocks)]);
  const rows: ConversionRow[] = converted
    .map((c) => toConversionRow(table, c, clicks))
    .filter((r) => r.conversions > 0)
    .sort((a, b) => b.conversions - a.conversions || b.value - a.value || a.key.localeCompare(b.key));
  const total = totalOf(rows, clicks);
  const shown = options.limit === undefined ? rows : rows.slice(0, options.limit);
  const names = await labelsOf(
    db,
    table,
    shown.map((r) => r.key),
  );
  if (table !== "networks") for (const r of shown) r.label = names.get(r.key) ?? "";
  return { rows: shown, total };
}

/** All-time conversions and value per tracked link (only links that have some). */
export async function linkConversions(db: DB, linkIds: string[]): Promise<Map<string, { conversions: number; value: number }>> {
  if (linkIds.length === 0) return new Map();
  const rows = await db.selectFrom("link_conversion_totals").selectAll().where("link_id", "in", linkIds).execute();
  return new Map(rows.map((r) => [r.link_id, { conversions: Number(r.conversions), value: Number(r.value_cents) / 100 }]));
}
