import type { DB } from "~/utils/db.server";
import { addEventsToBuckets } from "~/models/scoring/bucket-batch.server";
import { addClicksToRollups } from "~/models/analytics/rollups.server";
import { insertClickRows } from "~/models/sharing/click-rows.server";
import { chunks, type BatchSummary, type PreparedClick } from "./click-batch";

// The write side of a click batch: points under the per-share cap, the ledger, the click rows, the rollups
// and the running totals, in the batch's transaction.

export type ClickRule = { points: number; cap: number };
type OwnerEvents = Map<string, { at: number; counters: { points: number; uniqueClicks: number } }[]>;

/** Points a unique, unexpired click earns under the per-share cap; recorded on the link and its owner's events. */
function scoreUniqueClick(p: PreparedClick, rule: ClickRule, perOwner: OwnerEvents): number {
  const points = Math.max(0, Math.min(rule.points, rule.cap - p.link.click_points - p.link.earned));
  p.link.earned += points;
  const events = perOwner.get(p.link.user_id) ?? [];
  events.push({ at: p.click.at, counters: { points, uniqueClicks: 1 } });
  perOwner.set(p.link.user_id, events);
  return points;
}

function ledgerRowOf(p: PreparedClick, points: number) {
  return {
    user_id: p.link.user_id,
    action: "unique_click" as const,
    points,
    reference_type: "link_visit",
    reference_id: `${p.link.id}:${p.day}:${p.visitorHash}`,
    created_at: p.click.at,
  };
}

function clickRowOf(p: PreparedClick, isUnique: boolean, expired: boolean, points: number) {
  return {
    link_id: p.link.id,
    clicked_at: p.click.at,
    day: p.day,
    visitor_hash: p.visitorHash,
    is_unique: isUnique ? 1 : 0,
    is_self: p.self ? 1 : 0,
    counted: expired ? 0 : 1,
    points,
  };
}

async function addOwnerTotals(trx: DB, perOwner: OwnerEvents) {
  // Running totals in one order (owner, then bucket), so two instances' batches cannot deadlock on them.
  for (const [ownerId, events] of [...perOwner].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    await addEventsToBuckets(trx, ownerId, events);
}

async function addEarnedLinkPoints(trx: DB, prepared: PreparedClick[]) {
  const earned = [...new Set(prepared.map((p) => p.link))].filter((l) => l.earned > 0);
  for (const link of earned) {
    await trx
      .updateTable("tracked_links")
      .set((eb) => ({ click_points: eb("click_points", "+", link.earned) }))
      .where("id", "=", link.id)
      .execute();
  }
}

export async function writeClicks(trx: DB, prepared: PreparedClick[], unique: Set<PreparedClick>, rule: ClickRule, summary: BatchSummary) {
  const clickRows = [];
  const ledgerRows = [];
  const perOwner: OwnerEvents = new Map();
  for (const p of prepared) {
    const isUnique = unique.has(p);
    const expired = p.link.expire_at !== null && p.click.at >= p.link.expire_at;
    const points = isUnique && !expired ? scoreUniqueClick(p, rule, perOwner) : 0;
    if (points > 0) ledgerRows.push(ledgerRowOf(p, points));
    if (isUnique) summary.unique += 1;
    if (p.self) summary.self += 1;
    summary.points += points;
    clickRows.push(clickRowOf(p, isUnique, expired, points));
  }
  await insertClickRows(trx, clickRows);
  for (const part of chunks(ledgerRows)) await trx.insertInto("points_ledger").values(part).execute();
  await addClicksToRollups(
    trx,
    clickRows.map((c) => ({ linkId: c.link_id, day: c.day, isSelf: c.is_self === 1, isUnique: c.is_unique === 1 })),
  );
  await addOwnerTotals(trx, perOwner);
  await addEarnedLinkPoints(trx, prepared);
}
