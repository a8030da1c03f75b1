// Two instances (two connection pools on one PostgreSQL database) add shares of one item on two
// days in different weeks, months and years (so no rollup row they share makes one wait for the other)
// at the same moment: the running totals end as a rebuild from the day rows makes them.
import { afterAll, describe, expect, it } from "vitest";
import { addRollups } from "~/models/analytics/rollups.server";
import { rebuildRunningTotals } from "~/models/analytics/running-totals.server";
import { createDatabase, getDb, inTransaction, type DB } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { gate, pause } from "../support/gate";

const postgres = process.env.TEST_DIALECT === "postgres";

async function snapshot(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("share_running_totals").selectAll().where("dimension", "=", "item").execute();
  return rows.map((r) => `${r.key}|${r.day}|${r.shares_to_date}`).sort();
}

describe.skipIf(!postgres)("running totals written by two instances at once", () => {
  const second = postgres ? createDatabase(process.env.DATABASE_URL) : null;
  afterAll(async () => second?.destroy());

  it("count every share of an item shared on two days in two uncommitted transactions", async () => {
    const db = getDb();
    const [a, b] = [await createTestUser({ name: "Race C" }), await createTestUser({ name: "Race D" })];
    const share = (trx: DB, userId: string, day: string) =>
      addRollups(trx, [{ day, userId, departmentId: null, itemId: "race-item", campaignId: null, network: "x", shares: 1 }]);
    const written = gate();
    const release = gate();
    const later = db.transaction().execute(async (trx) => {
      await share(trx, a.id, "2026-01-10");
      written.open();
      await release.opened;
    });
    await written.opened;
    const earlier = inTransaction(second!, (trx) => share(trx, b.id, "2025-12-20"));
    await pause(300);
    release.open();
    await Promise.all([later, earlier]);
    const kept = await snapshot(db);
    expect(kept).toEqual(["race-item|2025-12-20|1", "race-item|2026-01-10|2"]);
    await inTransaction(db, (trx) => rebuildRunningTotals(trx));
    expect(await snapshot(db)).toEqual(kept);
  });
});
