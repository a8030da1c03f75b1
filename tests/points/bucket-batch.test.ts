// A batch's running totals in one upsert per person (addEventsToBuckets) add up to exactly what one
// addToBuckets call per event adds: across week, month, quarter and daylight-saving boundaries, and
// for a campaign that starts in the middle of the batch.
import { describe, expect, it } from "vitest";
import { createCampaign } from "~/models/content/campaigns.server";
import { addEventsToBuckets } from "~/models/scoring/bucket-batch.server";
import { addToBuckets } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";

const HOUR = 3_600_000;

async function bucketsOf(userId: string) {
  const rows = await db
    .selectFrom("score_buckets")
    .select(["period_kind", "period_key", "points", "shares", "unique_clicks"])
    .where("user_id", "=", userId)
    .execute();
  return rows.sort((a, b) => `${a.period_kind}|${a.period_key}`.localeCompare(`${b.period_kind}|${b.period_key}`));
}

describe("a batch's score buckets", () => {
  it("equal one addToBuckets per event", async () => {
    const editor = await createTestUser({ roles: ["editor"] });
    const [batched, oneByOne] = [await createTestUser(), await createTestUser()];
    // Madrid: Sunday 29 March 2026 (clocks go forward), Monday 30 March, then 31 March → 1 April (a new month and quarter).
    const start = Date.UTC(2026, 2, 28, 20);
    const campaignStart = Date.UTC(2026, 2, 30, 9);
    await createCampaign(db, editor.id, {
      name: "Spring",
      description: "",
      goal: null,
      goalShares: null,
      startsAt: campaignStart,
      endsAt: Date.UTC(2026, 2, 31, 22, 30),
    });
    const events = Array.from({ length: 40 }, (_, i) => ({
      at: start + i * 2 * HOUR + (i % 3) * 17 * 60_000,
      counters: { points: i % 4, uniqueClicks: 1 },
    }));
    events.push({ at: campaignStart, counters: { points: 5, uniqueClicks: 1 } }, { at: start, counters: { points: 0, uniqueClicks: 0 } });

    await addEventsToBuckets(db, batched.id, events);
    for (const e of events) await addToBuckets(db, oneByOne.id, e.at, e.counters);

    const expected = await bucketsOf(oneByOne.id);
    expect(expected.filter((b) => b.period_kind === "campaign")).toHaveLength(1);
    expect(new Set(expected.filter((b) => b.period_kind === "quarter").map((b) => b.period_key)).size).toBe(2);
    expect(new Set(expected.filter((b) => b.period_kind === "week").map((b) => b.period_key)).size).toBe(2);
    expect(await bucketsOf(batched.id)).toEqual(expected);
    // Added to what is there, like every other event.
    await addEventsToBuckets(db, batched.id, events.slice(0, 3));
    for (const e of events.slice(0, 3)) await addToBuckets(db, oneByOne.id, e.at, e.counters);
    expect(await bucketsOf(batched.id)).toEqual(await bucketsOf(oneByOne.id));
  });
});
