/**
 * Analytics running totals (analytics_rollups), written in the same transaction as the share or the
 * clicks they count, so analytics reads a handful of rows per period instead of scanning shares and
 * clicks. Every event adds to its day, week, month and year under five dimensions: all, item, person,
 * department (the sharer's current one: moveRollups keeps it so) and campaign (the item's current
 * one). The "all" rows of network "" hold only the number of people who shared in the period; the
 * person and item rows of network "" only their shares on any network.
 * The same counts go to person_item_rollups (person × item), which no move rewrites, and the shares to
 * share_running_totals (running-totals.server.ts).
 * rollup-recompute.server.ts rebuilds the same rows from the sources.
 */
import type { Expression } from "kysely";
import type { RollupDimension, RollupGrain } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { formatLocalDate, localDate } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { periodsOfDay, type RollupPeriod } from "./rollup-periods";
import { addShareDay, moveShareDays } from "./sharing-gaps.server";
import { PersonItemAccumulator, upsertPersonItemRollups, type PeopleQuery } from "./person-item-rollups.server";
import { addToRunningTotals, type RunningEntry } from "./running-totals.server";

export interface RollupEvent {
  /** Local date (organisation zone) of the event, YYYY-MM-DD. */
  day: string;
  userId: string;
  departmentId: string | null;
  itemId: string | null;
  campaignId: string | null;
  network: string;
  shares?: number;
  reach?: number;
  clicks?: number;
  uniqueClicks?: number;
}

export interface RollupRow {
  dimension: RollupDimension;
  grain: RollupGrain;
  period: string;
  key: string;
  network: string;
  shares: number;
  reach: number;
  clicks: number;
  unique_clicks: number;
  ambassadors: number;
}

const CHUNK = 500;
const rowId = (r: Pick<RollupRow, "dimension" | "grain" | "period" | "key" | "network">) =>
  `${r.dimension}|${r.grain}|${r.period}|${r.key}|${r.network}`;

/** Adds rows with the same identity together. */
export class RollupAccumulator {
  readonly rows = new Map<string, RollupRow>();
  readonly personItems = new PersonItemAccumulator();

  add(
    base: Omit<RollupRow, "shares" | "reach" | "clicks" | "unique_clicks" | "ambassadors">,
    counts: Partial<Pick<RollupRow, "shares" | "reach" | "clicks" | "unique_clicks" | "ambassadors">>,
  ): void {
    const id = rowId(base);
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { ...base, shares: 0, reach: 0, clicks: 0, unique_clicks: 0, ambassadors: 0 }));
    row.shares += counts.shares ?? 0;
    row.reach += counts.reach ?? 0;
    row.clicks += counts.clicks ?? 0;
    row.unique_clicks += counts.unique_clicks ?? 0;
    row.ambassadors += counts.ambassadors ?? 0;
  }

  addEvent(e: RollupEvent): void {
    const counts = { shares: e.shares ?? 0, reach: e.reach ?? 0, clicks: e.clicks ?? 0, unique_clicks: e.uniqueClicks ?? 0 };
    const keys: [RollupDimension, string][] = [
      ["all", ""],
      ["item", e.itemId ?? ""],
      ["person", e.userId],
      ["department", e.departmentId ?? ""],
      ["campaign", e.campaignId ?? ""],
    ];
    for (const p of periodsOfDay(e.day)) {
      for (const [dimension, key] of keys) this.add({ dimension, grain: p.grain, period: p.period, key, network: e.network }, counts);
      this.personItems.add({ user_id: e.userId, grain: p.grain, period: p.period, item_id: e.itemId ?? "", network: e.network }, counts);
      // The person's shares on any network: how the period's ambassadors are counted once each, and what
      // the people table ranks; the item's likewise, what the items table ranks.
      if (counts.shares) {
        this.add({ dimension: "person", grain: p.grain, period: p.period, key: e.userId, network: "" }, { shares: counts.shares });
        this.add({ dimension: "item", grain: p.grain, period: p.period, key: e.itemId ?? "", network: "" }, { shares: counts.shares });
      }
    }
  }
}

/** Inserts rows, adding to those already there. */
export async function upsertRollups(trx: DB, rows: Iterable<RollupRow>): Promise<void> {
  const list = [...rows];
  for (let i = 0; i < list.length; i += CHUNK) {
    await trx
      .insertInto("analytics_rollups")
      .values(list.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["dimension", "grain", "period", "key", "network"]).doUpdateSet((eb) => ({
          shares: eb("analytics_rollups.shares", "+", eb.ref("excluded.shares")),
          reach: eb("analytics_rollups.reach", "+", eb.ref("excluded.reach")),
          clicks: eb("analytics_rollups.clicks", "+", eb.ref("excluded.clicks")),
          unique_clicks: eb("analytics_rollups.unique_clicks", "+", eb.ref("excluded.unique_clicks")),
          ambassadors: eb("analytics_rollups.ambassadors", "+", eb.ref("excluded.ambassadors")),
        })),
      )
      .execute();
  }
}

/**
 * A dimension's rows in a set of periods, as one UNION ALL branch per grain: each branch is a
 * range lookup on the primary key (dimension, grain, period), which an OR across grains is not.
 */
export function rollupsIn(db: DB, dimension: RollupDimension, periods: RollupPeriod[], keys?: string[] | PeopleQuery | Expression<string>) {
  const byGrain = new Map<RollupGrain, string[]>();
  for (const p of periods) byGrain.set(p.grain, [...(byGrain.get(p.grain) ?? []), p.period]);
  const branches = [...byGrain].map(([grain, list]) =>
    db
      .selectFrom("analytics_rollups")
      .select(["grain", "period", "key", "network", "shares", "reach", "clicks", "unique_clicks", "ambassadors"])
      .where("dimension", "=", dimension)
      .where("grain", "=", grain)
      .where("period", "in", list)
      .$if(keys !== undefined, (q) => q.where("key", "in", keys!)),
  );
  if (branches.length === 0) throw new Error("rollupsIn needs at least one period");
  return branches.slice(1).reduce((q, b) => q.unionAll(b), branches[0]);
}

/**
 * Adds events to the rollups; call inside the events' transaction. A person's first share in a
 * period also counts them once among the period's ambassadors: their any-network row is upserted
 * first, and the total it returns tells (the row lock makes a concurrent share in another instance
 * wait and then see this one's total).
 */
export async function addRollups(trx: DB, events: RollupEvent[]): Promise<void> {
  if (events.length === 0) return;
  const acc = new RollupAccumulator();
  for (const e of events) acc.addEvent(e);
  const totals = [...acc.rows.values()].filter((r) => r.dimension === "person" && r.network === "");
  const ambassadors = new RollupAccumulator();
  const departments = new Map(events.map((e) => [e.userId, e.departmentId]));
  for (const row of totals) {
    const [after] = await trx
      .insertInto("analytics_rollups")
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(["dimension", "grain", "period", "key", "network"])
          .doUpdateSet((eb) => ({ shares: eb("analytics_rollups.shares", "+", eb.ref("excluded.shares")) })),
      )
      .returning("shares")
      .execute();
    if (after && after.shares === row.shares) {
      ambassadors.add({ dimension: "all", grain: row.grain, period: row.period, key: "", network: "" }, { ambassadors: 1 });
      if (row.grain === "day") await addShareDay(trx, row.key, departments.get(row.key) ?? null, row.period);
    }
    acc.rows.delete(`${row.dimension}|${row.grain}|${row.period}|${row.key}|${row.network}`);
  }
  await upsertRollups(trx, [...acc.rows.values(), ...ambassadors.rows.values()]);
  await upsertPersonItemRollups(trx, acc.personItems.rows.values());
  await addToRunningTotals(
    trx,
    events.flatMap((e): RunningEntry[] => [
      { dimension: "person", key: e.userId, day: e.day, shares: e.shares ?? 0 },
      { dimension: "item", key: e.itemId ?? "", day: e.day, shares: e.shares ?? 0 },
    ]),
  );
}

/**
 * Moves a person's (or an item's) history from one department (campaign) to another: their own
 * rows say how much to take from the old key and give to the new. Rows left at zero are removed,
 * as a recomputation would not have them.
 */
export async function moveRollups(
  trx: DB,
  source: "person" | "item",
  sourceKey: string,
  target: "department" | "campaign",
  from: string | null,
  to: string | null,
): Promise<void> {
  if ((from ?? "") === (to ?? "")) return;
  if (source === "person") await moveShareDays(trx, sourceKey, from, to);
  const own = await trx
    .selectFrom("analytics_rollups")
    .select(["grain", "period", "network", "shares", "reach", "clicks", "unique_clicks"])
    .where("dimension", "=", source)
    .where("key", "=", sourceKey)
    .where("network", "!=", "")
    .execute();
  if (own.length === 0) return;
  const acc = new RollupAccumulator();
  for (const r of own) {
    const base = { dimension: target, grain: r.grain, period: r.period, network: r.network };
    acc.add(
      { ...base, key: from ?? "" },
      { shares: -r.shares, reach: -Number(r.reach), clicks: -r.clicks, unique_clicks: -r.unique_clicks },
    );
    acc.add({ ...base, key: to ?? "" }, { shares: r.shares, reach: Number(r.reach), clicks: r.clicks, unique_clicks: r.unique_clicks });
  }
  await upsertRollups(trx, acc.rows.values());
  await trx
    .deleteFrom("analytics_rollups")
    .where("dimension", "=", target)
    .where("key", "=", from ?? "")
    .where("shares", "=", 0)
    .where("reach", "=", 0)
    .where("clicks", "=", 0)
    .where("unique_clicks", "=", 0)
    .where("ambassadors", "=", 0)
    .execute();
}

/** Counts one share (its reach only when it scored); call inside the share's transaction. */
export async function addShareToRollups(
  trx: DB,
  share: { userId: string; itemId: string; network: string; at: number; reach: number; scored: boolean },
): Promise<void> {
  const [timeZone, person, item] = await Promise.all([
    getOrganisationTimeZone(trx),
    trx.selectFrom("users").select("department_id").where("id", "=", share.userId).executeTakeFirst(),
    trx.selectFrom("content_items").select("campaign_id").where("id", "=", share.itemId).executeTakeFirst(),
  ]);
  await addRollups(trx, [
    {
      day: formatLocalDate(localDate(share.at, timeZone)),
      userId: share.userId,
      departmentId: person?.department_id ?? null,
      itemId: share.itemId,
      campaignId: item?.campaign_id ?? null,
      network: share.network,
      shares: 1,
      reach: share.scored ? share.reach : 0,
    },
  ]);
}

/**
 * Counts a batch of written clicks (the sharer's own left out); call inside the batch's
 * transaction. Each click carries the local day it was stored with.
 */
export async function addClicksToRollups(
  trx: DB,
  clicks: { linkId: string; day: string; isSelf: boolean; isUnique: boolean }[],
): Promise<void> {
  const counted = clicks.filter((c) => !c.isSelf);
  if (counted.length === 0) return;
  const links = new Map<
    string,
    { user_id: string; item_id: string; network: string; department_id: string | null; campaign_id: string | null }
  >();
  const ids = [...new Set(counted.map((c) => c.linkId))];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await trx
      .selectFrom("tracked_links")
      .innerJoin("users", "users.id", "tracked_links.user_id")
      .leftJoin("content_items", "content_items.id", "tracked_links.item_id")
      .select([
        "tracked_links.id",
        "tracked_links.user_id",
        "tracked_links.item_id",
        "tracked_links.network",
        "users.department_id",
        "content_items.campaign_id",
      ])
      .where("tracked_links.id", "in", ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) links.set(r.id, { ...r, campaign_id: r.campaign_id ?? null });
  }
  // One event per link and day: a batch of hundreds of clicks on a few links adds a few rows, not hundreds.
  const events = new Map<string, RollupEvent & { clicks: number; uniqueClicks: number }>();
  for (const c of counted) {
    const link = links.get(c.linkId);
    if (!link) continue;
    const id = `${c.linkId}|${c.day}`;
    let event = events.get(id);
    if (!event) {
      event = {
        day: c.day,
        userId: link.user_id,
        departmentId: link.department_id,
        itemId: link.item_id,
        campaignId: link.campaign_id,
        network: link.network,
        clicks: 0,
        uniqueClicks: 0,
      };
      events.set(id, event);
    }
    event.clicks += 1;
    if (c.isUnique) event.uniqueClicks += 1;
  }
  await addRollups(trx, [...events.values()]);
}
