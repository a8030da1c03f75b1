/**
 * Rebuilds analytics_rollups (and person_item_rollups) from the sources of truth: every share (its day in the organisation's
 * zone, its reach when it scored) and every click that was not the sharer's own (its stored local
 * day), credited to the sharer's current department and the item's current campaign. Used to repair
 * or rebuild the totals (a changed time zone) and by the tests that compare it with the running totals.
 */
import { inTransaction, type DB } from "~/utils/db.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { dayLabeller } from "./rollup-periods";
import { RollupAccumulator, upsertRollups } from "./rollups.server";
import { upsertPersonItemRollups } from "./person-item-rollups.server";
import { recomputeSharingGaps } from "./sharing-gaps.server";
import { rebuildRunningTotals } from "./running-totals.server";

const PAGE = 5_000;

async function addShares(trx: DB, acc: RollupAccumulator, timeZone: string): Promise<void> {
  const dayOf = dayLabeller(timeZone);
  for (let after = ""; ;) {
    const page = await trx
      .selectFrom("shares")
      .innerJoin("users", "users.id", "shares.user_id")
      .leftJoin("content_items", "content_items.id", "shares.item_id")
      .select([
        "shares.id",
        "shares.created_at",
        "shares.user_id",
        "shares.item_id",
        "shares.network",
        "shares.reach",
        "shares.scored",
        "users.department_id",
        "content_items.campaign_id",
      ])
      .where("shares.id", ">", after)
      .orderBy("shares.id")
      .limit(PAGE)
      .execute();
    for (const s of page) {
      acc.addEvent({
        day: dayOf(Number(s.created_at)),
        userId: s.user_id,
        departmentId: s.department_id,
        itemId: s.item_id,
        campaignId: s.campaign_id ?? null,
        network: s.network,
        shares: 1,
        reach: s.scored ? Number(s.reach) : 0,
      });
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1].id;
  }
}

async function addClicks(trx: DB, acc: RollupAccumulator): Promise<void> {
  const rows = await trx
    .selectFrom("link_clicks")
    .innerJoin("tracked_links", "tracked_links.id", "link_clicks.link_id")
    .innerJoin("users", "users.id", "tracked_links.user_id")
    .leftJoin("content_items", "content_items.id", "tracked_links.item_id")
    .select((eb) => [
      "link_clicks.day",
      "tracked_links.user_id",
      "tracked_links.item_id",
      "tracked_links.network",
      "users.department_id",
      "content_items.campaign_id",
      eb.fn.countAll<number>().as("clicks"),
      eb.fn.sum<number>("link_clicks.is_unique").as("unique_clicks"),
    ])
    .where("link_clicks.is_self", "=", 0)
    .groupBy([
      "link_clicks.link_id",
      "link_clicks.day",
      "tracked_links.user_id",
      "tracked_links.item_id",
      "tracked_links.network",
      "users.department_id",
      "content_items.campaign_id",
    ])
    .execute();
  for (const c of rows) {
    acc.addEvent({
      day: c.day,
      userId: c.user_id,
      departmentId: c.department_id,
      itemId: c.item_id,
      campaignId: c.campaign_id ?? null,
      network: c.network,
      clicks: Number(c.clicks),
      uniqueClicks: Number(c.unique_clicks),
    });
  }
}

/** Ambassadors of a period: people with a share in it, on any network. */
function addAmbassadors(acc: RollupAccumulator): void {
  for (const r of [...acc.rows.values()]) {
    if (r.dimension !== "person" || r.network !== "" || r.shares === 0) continue;
    acc.add({ dimension: "all", grain: r.grain, period: r.period, key: "", network: "" }, { ambassadors: 1 });
  }
}

/** Throws away every rollup row (person × item rows, sharing gaps and running totals too) and rebuilds them in one transaction; returns the number of rollup rows. */
export async function recomputeRollups(db: DB): Promise<number> {
  return inTransaction(db, async (trx) => {
    const timeZone = await getOrganisationTimeZone(trx);
    await trx.deleteFrom("analytics_rollups").execute();
    await trx.deleteFrom("person_item_rollups").execute();
    const acc = new RollupAccumulator();
    await addShares(trx, acc, timeZone);
    await addClicks(trx, acc);
    addAmbassadors(acc);
    await upsertRollups(trx, acc.rows.values());
    await upsertPersonItemRollups(trx, acc.personItems.rows.values());
    await recomputeSharingGaps(trx);
    await rebuildRunningTotals(trx);
    return acc.rows.size;
  });
}
