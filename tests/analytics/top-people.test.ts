import { describe, expect, it } from "vitest";
import { amplificationTable } from "~/models/analytics/queries.server";
import { addRollups } from "~/models/analytics/rollups.server";
import { addDays } from "~/models/analytics/rollup-periods";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { inTransaction, db } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { mulberry32 as random } from "../support/random";

const DAY = 86_400_000;

describe("the people table's top rows", () => {
  it("are the first rows of the whole table, with ties, clicks-only people and the total", async () => {
    await db.deleteFrom("analytics_rollups").execute();
    await db.deleteFrom("sharing_gaps").execute();
    await db.deleteFrom("share_running_totals").execute();
    expect(await setOrganisationTimeZone(db, "UTC")).toBe(true);
    const next = random(21);
    const people: { id: string }[] = [];
    for (let i = 0; i < 12; i++) people.push(await createTestUser({ name: `Top ${String(i).padStart(2, "0")}` }));
    const first = "2026-01-05";
    await inTransaction(db, async (trx) => {
      for (let i = 0; i < 160; i++) {
        const person = people[Math.floor(next() * next() * people.length)];
        const share = next() < 0.6;
        await addRollups(trx, [
          {
            day: addDays(first, Math.floor(next() * 70)),
            userId: person.id,
            departmentId: null,
            itemId: null,
            campaignId: null,
            network: next() < 0.5 ? "linkedin" : "x",
            shares: share ? 1 : 0,
            reach: share ? 100 : 0,
            clicks: share ? 0 : 1 + Math.floor(next() * 3),
            uniqueClicks: share ? 0 : 1,
          },
        ]);
      }
    });
    let limited = 0;
    for (let i = 0; i < 20; i++) {
      const start = Date.UTC(2026, 0, 5) + Math.floor(next() * 70) * DAY;
      const range = { start, end: start + (1 + Math.floor(next() * 50)) * DAY };
      const limit = 1 + Math.floor(next() * 6);
      const whole = await amplificationTable(db, "people", range, { timeZone: "UTC" });
      const top = await amplificationTable(db, "people", range, { timeZone: "UTC", limit });
      expect(top.rows).toEqual(whole.rows.slice(0, limit));
      expect(top.total).toEqual(whole.total);
      expect(top.more).toBe(whole.rows.length > limit);
      if (whole.rows.filter((r) => r.shares > 0).length > limit) limited += 1;
    }
    // Most ranges take the ranked path (more sharers than the limit), some the whole-table one.
    expect(limited).toBeGreaterThan(5);
    expect(limited).toBeLessThan(20);
  });
});
