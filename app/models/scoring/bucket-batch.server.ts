import type { PeriodKind } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { bucketKeysAt, localDayLabeller } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { addToBucketRows, type Counters } from "./points.server";

type BucketRow = { period_kind: PeriodKind; period_key: string; points: number; shares: number; unique_clicks: number };

/**
 * `addToBuckets` for many events of one person (a batch of clicks): the same totals, with one read
 * of the time zone, the person and the campaigns overlapping the events, and one upsert of the summed
 * rows, instead of three reads and an upsert per event. Rows go in sorted, so two instances adding
 * to the same person's buckets take their row locks in the same order. Call inside the events' transaction.
 */
export async function addEventsToBuckets(trx: DB, userId: string, events: { at: number; counters: Counters }[]): Promise<void> {
  const counted = events.filter(({ counters: c }) => c.points || c.shares || c.uniqueClicks);
  if (counted.length === 0) return;
  const first = Math.min(...counted.map((e) => e.at));
  const last = Math.max(...counted.map((e) => e.at));
  const [timeZone, person, campaigns] = await Promise.all([
    getOrganisationTimeZone(trx),
    trx.selectFrom("users").select("department_id").where("id", "=", userId).executeTakeFirst(),
    trx
      .selectFrom("campaigns")
      .select(["id", "starts_at", "ends_at"])
      .where("starts_at", "<=", last)
      .where("ends_at", ">", first)
      .execute(),
  ]);
  // Calendar keys depend only on the local day: computed once per day, not per event.
  const dayOf = localDayLabeller(timeZone);
  const keysOfDay = new Map<string, { kind: PeriodKind; key: string }[]>();
  const totals = new Map<string, BucketRow>();
  for (const { at, counters } of counted) {
    const day = dayOf(at);
    let keys = keysOfDay.get(day);
    if (!keys) keysOfDay.set(day, (keys = bucketKeysAt(at, timeZone)));
    const inCampaigns = campaigns.filter((c) => c.starts_at <= at && c.ends_at > at).map((c) => ({ kind: "campaign" as const, key: c.id }));
    for (const { kind, key } of [...keys, ...inCampaigns]) {
      const id = `${kind}\u0000${key}`;
      let row = totals.get(id);
      if (!row) totals.set(id, (row = { period_kind: kind, period_key: key, points: 0, shares: 0, unique_clicks: 0 }));
      row.points += counters.points ?? 0;
      row.shares += counters.shares ?? 0;
      row.unique_clicks += counters.uniqueClicks ?? 0;
    }
  }
  const rows = [...totals.keys()]
    .sort()
    .map((id) => ({ ...totals.get(id)!, user_id: userId, department_id: person?.department_id ?? null }));
  await addToBucketRows(trx, rows);
}
