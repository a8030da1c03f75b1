import { describe, expect, it } from "vitest";
import { syncContent } from "~/models/content-sync.server";
import { seedDemoOrganisation } from "~/models/demo.server";
import { seedDemoAcknowledgements } from "~/models/guideline-demo.server";
import { onboardingDashboard } from "~/models/onboarding-dashboard.server";
import { seedDemoTraining } from "~/models/workshop-demo.server";
import { db } from "~/utils/db.server";

describe("demo training data", () => {
  it("syncs the shipped workshops, and gives the onboarding dashboard ambassadors, people half-way and overdue people", async () => {
    await seedDemoOrganisation(db);
    const synced = await syncContent(db);
    expect(synced.ok).toBe(true);
    expect(synced.lines).toContain("workshops: how-social-networks-work: created, version 1 published");
    await seedDemoAcknowledgements(db);
    const first = await seedDemoTraining(db);
    expect(first.sessions).toBe(2);
    expect(first.completions).toBeGreaterThan(0);
    expect(await seedDemoTraining(db)).toEqual({ completions: 0, sessions: 0 });
    expect((await syncContent(db)).lines.filter((l) => l.startsWith("workshops:"))).toEqual([
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
});
