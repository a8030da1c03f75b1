// A share and a change of the sharer's standing in two instances (two connection pools on one
// PostgreSQL database) at the same moment, in both orders: the ambassador gaps end as a
// recomputation builds them, so participation never counts a share day under the wrong standing.
import { afterAll, describe, expect, it } from "vitest";
import { addRollups } from "~/models/analytics/rollups.server";
import { recomputeSharingGaps } from "~/models/analytics/sharing-gaps.server";
import { updatePerson } from "~/models/people/users.server";
import { createDatabase, getDb, inTransaction, type DB } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { gate, pause } from "../support/gate";

const postgres = process.env.TEST_DIALECT === "postgres";

async function gapsSnapshot(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("sharing_gaps").selectAll().execute();
  return rows.map((r) => `${r.scope}|${r.key}|${r.prev_day}|${r.next_day}|${r.people}`).sort();
}

describe.skipIf(!postgres)("a share and a change of standing in two instances", () => {
  const second = postgres ? createDatabase(process.env.DATABASE_URL) : null;
  afterAll(async () => second?.destroy());

  const share = (db: DB, userId: string, day: string) =>
    addRollups(db, [{ day, userId, departmentId: null, itemId: "race", campaignId: null, network: "linkedin", shares: 1 }]);
  const leaveEmployees = (db: DB, userId: string) => updatePerson(db, userId, { name: "Race", departmentId: null, roles: ["reviewer"] });

  async function expectRecomputed(db: DB) {
    const kept = await gapsSnapshot(db);
    await inTransaction(db, (trx) => recomputeSharingGaps(trx));
    expect(await gapsSnapshot(db)).toEqual(kept);
  }

  it("while the change is uncommitted, the share waits and then counts under the new standing", async () => {
    const db = getDb();
    const person = await createTestUser({ name: "Race A" });
    await inTransaction(db, (trx) => share(trx, person.id, "2026-03-01"));
    const changed = gate();
    const release = gate();
    const change = db.transaction().execute(async (trx) => {
      await leaveEmployees(trx, person.id);
      changed.open();
      await release.opened;
    });
    await changed.opened;
    const shared = inTransaction(second!, (trx) => share(trx, person.id, "2026-03-05"));
    await pause(300);
    release.open();
    await Promise.all([change, shared]);
    const ambassadorRows = await db.selectFrom("sharing_gaps").select("people").where("scope", "=", "ambassador").execute();
    expect(ambassadorRows.reduce((n, r) => n + Number(r.people), 0)).toBe(0);
    await expectRecomputed(db);
  });

  it("while the share is uncommitted, the change waits and then moves the new day too", async () => {
    const db = getDb();
    const person = await createTestUser({ name: "Race B" });
    await inTransaction(db, (trx) => share(trx, person.id, "2026-04-01"));
    const shared = gate();
    const release = gate();
    const sharing = second!.transaction().execute(async (trx) => {
      await share(trx, person.id, "2026-04-09");
      shared.open();
      await release.opened;
    });
    await shared.opened;
    const change = leaveEmployees(db, person.id);
    await pause(300);
    release.open();
    await Promise.all([sharing, change]);
    await expectRecomputed(db);
  });
});
