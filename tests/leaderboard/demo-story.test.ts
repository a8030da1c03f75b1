// The demo tells one consistent story: only certified ambassadors have shared, the demo employee is a
// newcomer with nothing yet, and analytics' participation agrees with the people in its tables.
import { describe, expect, it } from "vitest";
import { amplificationTable, participation } from "~/models/analytics/queries.server";
import { seedDemoContent } from "~/cli/demo/content";
import { syncLibrary } from "~/models/library-sync.server";
import { seedDemoOrganisation } from "~/cli/demo/organisation";
import { seedDemoAcknowledgements } from "~/cli/demo/guidelines";
import { seedDemoActivity } from "~/cli/demo/activity";
import { isOnboarded } from "~/models/onboarding/status.server";
import { certifyDemoStaff, seedDemoTraining } from "~/cli/demo/workshops";
import { db } from "~/utils/db.server";

const DAY = 86_400_000;

describe("the demo story", () => {
  it("leaves employee@ a true newcomer and has only ambassadors share, so participation matches the tables", async () => {
    await seedDemoOrganisation(db);
    await seedDemoContent(db);
    expect((await syncLibrary(db)).ok).toBe(true);
    await seedDemoAcknowledgements(db);
    await seedDemoTraining(db);
    await certifyDemoStaff(db);
    const activity = await seedDemoActivity(db);
    expect(activity.shares).toBeGreaterThan(0);

    const newcomer = await db.selectFrom("users").select("id").where("email", "=", "employee@demo.altavoz.test").executeTakeFirstOrThrow();
    expect(await isOnboarded(db, newcomer.id)).toBe(false);
    expect(await db.selectFrom("shares").select("id").where("user_id", "=", newcomer.id).execute()).toHaveLength(0);
    expect(
      await db.selectFrom("points_ledger").select("id").where("user_id", "=", newcomer.id).where("action", "=", "share").execute(),
    ).toHaveLength(0);
    expect(await db.selectFrom("follower_counts").select("user_id").where("user_id", "=", newcomer.id).execute()).toHaveLength(0);
    const acceptedIdeas = await db
      .selectFrom("ideas")
      .select("id")
      .where("proposer_id", "=", newcomer.id)
      .where("status", "=", "accepted")
      .execute();
    expect(acceptedIdeas).toHaveLength(0);

    const sharers = await db.selectFrom("shares").select("user_id").distinct().execute();
    for (const { user_id } of sharers) expect(await isOnboarded(db, user_id)).toBe(true);

    const now = Date.now();
    const range = { start: now - 90 * DAY, end: now + DAY };
    const people = await amplificationTable(db, "people", range);
    const shared = await participation(db, range);
    expect(shared.ambassadors).toBe(people.rows.filter((r) => r.shares > 0).length);
    expect(shared.ambassadors).toBeLessThanOrEqual(shared.onboarded);
  });
});
