import { describe, expect, it } from "vitest";
import { participation } from "~/models/analytics/queries.server";
import { addRollups, type RollupEvent } from "~/models/analytics/rollups.server";
import { addDays } from "~/models/analytics/rollup-periods";
import { onboardedPeople } from "~/models/onboarding/status.server";
import { db, inTransaction } from "~/utils/db.server";
import { mulberry32 as random } from "../support/random";

const DAY = 86_400_000;
const FIRST = "2026-01-01";
const STATUSES = ["active", "active", "active", "invited", "deactivated"] as const;

/**
 * People of every status and shares over 400 days (so ranges cover day, week, month, quarter and year
 * blocks); a few sharers have no users row, which participation counts as it always did.
 */
async function fill(seed: number, people: number, events: number): Promise<RollupEvent[]> {
  await db.deleteFrom("analytics_rollups").execute();
  await db.deleteFrom("sharing_gaps").execute();
  await db.deleteFrom("users").where("id", "like", "pp%").execute();
  const next = random(seed);
  const users = Array.from({ length: people }, (_, i) => ({
    id: `pp${i}`,
    email: `pp${i}@example.com`,
    name: `Person ${i}`,
    status: STATUSES[Math.floor(next() * STATUSES.length)],
    created_at: 0,
  }));
  await db.insertInto("users").values(users).execute();
  const list: RollupEvent[] = [];
  for (let i = 0; i < events; i++) {
    list.push({
      day: addDays(FIRST, Math.floor(next() * 400)),
      userId: next() < 0.05 ? `ghost${Math.floor(next() * 5)}` : `pp${Math.floor(next() * next() * people)}`,
      departmentId: null,
      itemId: `i${Math.floor(next() * 10)}`,
      campaignId: null,
      network: ["linkedin", "x", "facebook"][Math.floor(next() * 3)],
      shares: 1,
    });
  }
  for (let i = 0; i < list.length; i += 50) await inTransaction(db, (trx) => addRollups(trx, list.slice(i, i + 50)));
  return list;
}

/** Onboarded people who shared in the days ÷ onboarded people, from the events and the whole onboarded list. */
async function naive(events: RollupEvent[], from: string, to: string) {
  const onboarded = new Set((await onboardedPeople(db).execute()).map((r) => r.id));
  const users = new Set((await db.selectFrom("users").select("id").execute()).map((r) => r.id));
  const sharers = new Set(events.filter((e) => e.day >= from && e.day <= to).map((e) => e.userId));
  const ambassadors = [...sharers].filter((id) => onboarded.has(id) || !users.has(id)).length;
  return { ambassadors, onboarded: onboarded.size, rate: onboarded.size > 0 ? ambassadors / onboarded.size : null };
}

describe("participation", () => {
  it("equals the naive count over every sharer and every onboarded person, on random data", async () => {
    for (const seed of [1, 2, 3]) {
      const events = await fill(seed, 60, 400);
      const next = random(seed * 7919);
      for (let i = 0; i < 8; i++) {
        const from = addDays(FIRST, Math.floor(next() * 380) - 10);
        const to = addDays(from, Math.floor(next() * (i < 4 ? 40 : 400)));
        const range = { start: Date.parse(from), end: Date.parse(to) + DAY };
        expect(await participation(db, range, "UTC"), `seed ${seed}, ${from}..${to}`).toEqual(await naive(events, from, to));
      }
    }
    await db.deleteFrom("analytics_rollups").execute();
    await db.deleteFrom("sharing_gaps").execute();
  });
});
