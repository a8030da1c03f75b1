import { describe, expect, it } from "vitest";
import { syncLibrary } from "~/models/library-sync.server";
import { seedDemoOrganisation } from "~/cli/demo/organisation";
import { seedDemoAcknowledgements } from "~/cli/demo/guidelines";
import { onboardingDashboard } from "~/models/onboarding/dashboard.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { CERTIFIED_DEMO_LOGINS, certifyDemoStaff, seedDemoTraining } from "~/cli/demo/workshops";
import { db } from "~/utils/db.server";

describe("demo training data", () => {
  it("syncs the shipped workshops, and gives the onboarding dashboard ambassadors, people half-way and overdue people", async () => {
    await seedDemoOrganisation(db);
    const synced = await syncLibrary(db);
    expect(synced.ok).toBe(true);
    expect(synced.lines).toContain("workshops: how-social-networks-work: created, version 1 published");
    await seedDemoAcknowledgements(db);
    const first = await seedDemoTraining(db);
    expect(first.sessions).toBe(2);
    expect(first.completions).toBeGreaterThan(0);
    expect(await seedDemoTraining(db)).toEqual({ completions: 0, sessions: 0 });
    expect((await syncLibrary(db)).lines.filter((l) => l.startsWith("workshops:"))).toEqual([
      "workshops: customer-conversations: unchanged (version 1)",
      "workshops: how-social-networks-work: unchanged (version 1)",
    ]);
    const data = await onboardingDashboard(db, { department: "", from: null, to: null }, "es");
    expect(data.workshops).toHaveLength(2);
    expect(data.total.ambassadors).toBeGreaterThan(0);
    expect(data.total.ambassadors).toBeLessThan(data.total.guidelines);
    expect(data.overdue.length).toBeGreaterThan(0);
    const registrations = await db.selectFrom("workshop_registrations").select("user_id").execute();
    expect(registrations).toHaveLength(6);
  });

  it("makes the staff logins certified ambassadors and leaves the demo employee a newcomer", async () => {
    await seedDemoOrganisation(db);
    expect((await syncLibrary(db)).ok).toBe(true);
    expect(await certifyDemoStaff(db)).toBe(CERTIFIED_DEMO_LOGINS.length);
    const staff = await db.selectFrom("users").select("id").where("email", "in", CERTIFIED_DEMO_LOGINS).execute();
    for (const person of staff) expect(await isOnboarded(db, person.id)).toBe(true);
    const newcomer = await db.selectFrom("users").select("id").where("email", "=", "employee@demo.altavoz.test").executeTakeFirstOrThrow();
    expect(await isOnboarded(db, newcomer.id)).toBe(false);
    const ledger = await db.selectFrom("points_ledger").select("action").where("user_id", "=", staff[0].id).execute();
    expect(ledger.map((r) => r.action).sort()).toEqual([
      "guideline_acknowledged",
      "guideline_acknowledged",
      "workshop_completed",
      "workshop_completed",
    ]);
  });
});
