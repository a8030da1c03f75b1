import { describe, expect, it } from "vitest";
import { awardPoints, getPointScheme, totalPoints, updatePointScheme } from "~/models/scoring/points.server";
import { updatePerson } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { createTestDepartment, createTestUser } from "../support/http";

describe("points ledger", () => {
  it("uses the default scheme and records one ledger row plus running totals per event", async () => {
    const person = await createTestUser();
    const at = Date.UTC(2026, 10, 18, 10);
    const awarded = await db
      .transaction()
      .execute((trx) =>
        awardPoints(trx, { userId: person.id, action: "share", referenceType: "share", referenceId: "s1", at, counters: { shares: 1 } }),
      );
    expect(awarded).toBe(10);
    const ledger = await db.selectFrom("points_ledger").selectAll().where("user_id", "=", person.id).execute();
    expect(ledger).toMatchObject([{ action: "share", points: 10, reference_id: "s1", created_at: at }]);
    const buckets = await db
      .selectFrom("score_buckets")
      .select(["period_kind", "period_key", "points", "shares"])
      .where("user_id", "=", person.id)
      .orderBy("period_kind")
      .execute();
    expect(buckets).toEqual([
      { period_kind: "all", period_key: "all", points: 10, shares: 1 },
      { period_kind: "month", period_key: "2026-11", points: 10, shares: 1 },
      { period_kind: "quarter", period_key: "2026-Q4", points: 10, shares: 1 },
      { period_kind: "week", period_key: "2026-11-16", points: 10, shares: 1 },
    ]);
  });

  it("awards the same event only once", async () => {
    const person = await createTestUser();
    const award = { userId: person.id, action: "guideline_acknowledged" as const, referenceType: "guideline_version", referenceId: "v1" };
    expect(await awardPoints(db, award)).toBe(20);
    expect(await awardPoints(db, award)).toBe(0);
    expect(await totalPoints(db, person.id)).toBe(20);
  });

  it("applies a scheme change from then on without rewriting history", async () => {
    const person = await createTestUser();
    const admin = await createTestUser({ roles: ["admin"] });
    const before = Date.now() - 60_000;
    await awardPoints(db, { userId: person.id, action: "idea_accepted", referenceType: "idea", referenceId: "i1", at: before });
    const scheme = await getPointScheme(db);
    const changed = await updatePointScheme(db, { ...scheme, idea_accepted: { points: 40, cap: null } }, admin.id);
    expect(changed).toEqual(["idea_accepted"]);
    await awardPoints(db, { userId: person.id, action: "idea_accepted", referenceType: "idea", referenceId: "i2" });
    const rows = await db
      .selectFrom("points_ledger")
      .select(["reference_id", "points"])
      .where("user_id", "=", person.id)
      .orderBy("reference_id")
      .execute();
    expect(rows).toEqual([
      { reference_id: "i1", points: 25 },
      { reference_id: "i2", points: 40 },
    ]);
    expect((await getPointScheme(db, before)).idea_accepted.points).toBe(25);
    expect(await totalPoints(db, person.id)).toBe(65);
  });

  it("rolls the ledger row back with the event when the transaction fails", async () => {
    const person = await createTestUser();
    await expect(
      db.transaction().execute(async (trx) => {
        await awardPoints(trx, {
          userId: person.id,
          action: "share",
          referenceType: "share",
          referenceId: "boom",
          counters: { shares: 1 },
        });
        throw new Error("the event's own write failed");
      }),
    ).rejects.toThrow("the event's own write failed");
    expect(await db.selectFrom("points_ledger").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect(await totalPoints(db, person.id)).toBe(0);
  });

  it("moves a person's running totals when they change department", async () => {
    const from = await createTestDepartment();
    const to = await createTestDepartment();
    const person = await createTestUser({ departmentId: from });
    await awardPoints(db, { userId: person.id, action: "share", referenceType: "share", referenceId: "s-move" });
    await updatePerson(db, person.id, { name: "Moved", departmentId: to, roles: ["employee"] });
    const departments = await db.selectFrom("score_buckets").select("department_id").distinct().where("user_id", "=", person.id).execute();
    expect(departments).toEqual([{ department_id: to }]);
  });
});
