/**
 * Conversion running totals, written in the conversions' own transaction: conversion_rollups has
 * the dimensions, grains and periods of analytics_rollups (its own table, so the click and share
 * rollups are untouched), and link_conversion_totals keeps each tracked link's all-time figures
 * for My shares. Reads never scan the conversions table.
 */
import type { ConversionKind, RollupDimension, RollupGrain } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { periodsOfDay, type RollupPeriod } from "~/models/analytics/rollup-periods";

export interface ConversionRollupEvent {
  /** Local date (organisation zone) the conversion occurred on, YYYY-MM-DD. */
  day: string;
  linkId: string;
  userId: string;
  departmentId: string | null;
  itemId: string;
  campaignId: string | null;
  network: string;
  kind: ConversionKind;
  valueCents: number;
}

interface Row {
  dimension: RollupDimension;
  grain: RollupGrain;
  period: string;
  key: string;
  network: string;
  conversions: number;
  leads: number;
  signups: number;
  sales: number;
  value_cents: number;
}

const CHUNK = 500;

function accumulate(events: ConversionRollupEvent[]): Row[] {
  const rows = new Map<string, Row>();
  for (const e of events) {
    const keys: [RollupDimension, string][] = [
      ["all", ""],
      ["item", e.itemId],
      ["person", e.userId],
      ["department", e.departmentId ?? ""],
      ["campaign", e.campaignId ?? ""],
    ];
    for (const p of periodsOfDay(e.day)) {
      for (const [dimension, key] of keys) {
        const id = `${dimension}|${p.grain}|${p.period}|${key}|${e.network}`;
        let row = rows.get(id);
        if (!row)
          rows.set(
            id,
            (row = {
              dimension,
              grain: p.grain,
              period: p.period,
              key,
              network: e.network,
              conversions: 0,
              leads: 0,
              signups: 0,
              sales: 0,
              value_cents: 0,
            }),
          );
        row.conversions += 1;
        if (e.kind === "lead") row.leads += 1;
        if (e.kind === "signup") row.signups += 1;
        if (e.kind === "sale") row.sales += 1;
        row.value_cents += e.valueCents;
      }
    }
  }
  return [...rows.values()];
}

/** Adds conversions to the rollups and to their links' totals; call inside the conversions' transaction. */
export async function addConversionsToRollups(trx: DB, events: ConversionRollupEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = accumulate(events);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto("conversion_rollups")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["dimension", "grain", "period", "key", "network"]).doUpdateSet((eb) => ({
          conversions: eb("conversion_rollups.conversions", "+", eb.ref("excluded.conversions")),
          leads: eb("conversion_rollups.leads", "+", eb.ref("excluded.leads")),
          signups: eb("conversion_rollups.signups", "+", eb.ref("excluded.signups")),
          sales: eb("conversion_rollups.sales", "+", eb.ref("excluded.sales")),
          value_cents: eb("conversion_rollups.value_cents", "+", eb.ref("excluded.value_cents")),
        })),
      )
      .execute();
  }
  const perLink = new Map<string, { link_id: string; conversions: number; value_cents: number }>();
  for (const e of events) {
    const t = perLink.get(e.linkId) ?? { link_id: e.linkId, conversions: 0, value_cents: 0 };
    t.conversions += 1;
    t.value_cents += e.valueCents;
    perLink.set(e.linkId, t);
  }
  const totals = [...perLink.values()];
  for (let i = 0; i < totals.length; i += CHUNK) {
    await trx
      .insertInto("link_conversion_totals")
      .values(totals.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column("link_id").doUpdateSet((eb) => ({
          conversions: eb("link_conversion_totals.conversions", "+", eb.ref("excluded.conversions")),
          value_cents: eb("link_conversion_totals.value_cents", "+", eb.ref("excluded.value_cents")),
        })),
      )
      .execute();
  }
}

/** A dimension's conversion rows in a set of periods, one UNION ALL branch per grain (primary-key range lookups). */
export function conversionRollupsIn(db: DB, dimension: RollupDimension, periods: RollupPeriod[]) {
  const byGrain = new Map<RollupGrain, string[]>();
  for (const p of periods) byGrain.set(p.grain, [...(byGrain.get(p.grain) ?? []), p.period]);
  const branches = [...byGrain].map(([grain, list]) =>
    db
      .selectFrom("conversion_rollups")
      .select(["key", "network", "conversions", "leads", "signups", "sales", "value_cents"])
      .where("dimension", "=", dimension)
      .where("grain", "=", grain)
      .where("period", "in", list),
  );
  if (branches.length === 0) throw new Error("conversionRollupsIn needs at least one period");
  return branches.slice(1).reduce((q, b) => q.unionAll(b), branches[0]);
}
