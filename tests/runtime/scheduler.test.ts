// The scheduler's housekeeping: yesterday's visitor salt is forgotten (so visitor hashes cannot be
// linked across days) and expired sessions are deleted, alongside the content lifecycle.
import { describe, expect, it } from "vitest";
import { runScheduledTasks } from "~/runtime/scheduler.server";
import { lucia } from "~/utils/auth.server";
import { sha256 } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";

// 2026-03-10 00:30 in Madrid (UTC+1): a few minutes into a new local day.
const JUST_AFTER_MIDNIGHT = Date.UTC(2026, 2, 9, 23, 30);

describe("scheduled housekeeping", () => {
  it("forgets every visitor salt of days before today, in the organisation's time zone", async () => {
    await db
      .insertInto("visitor_salts")
      .values(["2026-03-08", "2026-03-09", "2026-03-10"].map((day) => ({ day, salt: `salt-${day}`, created_at: 0 })))
      .execute();
    await runScheduledTasks(db, JUST_AFTER_MIDNIGHT);
    const days = await db.selectFrom("visitor_salts").select("day").orderBy("day").execute();
    expect(days.map((d) => d.day)).toEqual(["2026-03-10"]);
  });

  it("deletes expired sessions and keeps live ones", async () => {
    const person = await createTestUser({ email: "housekeeping@example.com" });
    const live = await lucia.createSession(person.id, {});
    const stale = await lucia.createSession(person.id, {});
    await db
      .updateTable("sessions")
      .set({ expires_at: Date.now() - 1000 })
      .where("expires_at", ">", 0)
      .where("user_id", "=", person.id)
      .execute();
    await db
      .updateTable("sessions")
      .set({ expires_at: Date.now() + 3_600_000 })
      .where("id", "=", sha256(live.id))
      .execute();
    await runScheduledTasks(db);
    const left = await db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute();
    expect(left.map((s) => s.id)).toEqual([sha256(live.id)]);
    expect((await lucia.validateSession(live.id)).session).not.toBeNull();
    expect((await lucia.validateSession(stale.id)).session).toBeNull();
  });
});
