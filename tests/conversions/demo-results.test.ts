// The demo shows the results features: approved variants, a campaign with a budget and a conversions
// goal reached in part, conversions on ambassadors' links, guardrails, and the pilot wave's champion;
// and its story stays true (the newcomer has no shares and converts nothing).
import { describe, expect, it } from "vitest";
import { seedDemoActivity } from "~/cli/demo/activity";
import { seedDemoContent } from "~/cli/demo/content";
import { seedDemoAcknowledgements } from "~/cli/demo/guidelines";
import { seedDemoOrganisation } from "~/cli/demo/organisation";
import { DEMO_CHAMPION_EMAIL, DEMO_PILOT_WAVE, seedDemoResults } from "~/cli/demo/results";
import { certifyDemoStaff, seedDemoTraining } from "~/cli/demo/workshops";
import { championScopes } from "~/models/champions/champions.server";
import { campaignResults } from "~/models/conversions/campaign-results.server";
import { readShareVariants } from "~/models/content/share-variants.server";
import { syncLibrary } from "~/models/library-sync.server";
import { listBlockedPhrases, listDisclosures } from "~/models/sharing/guardrails.server";
import { db } from "~/utils/db.server";

describe("the demo's results", () => {
  it("seeds variants, a budgeted campaign with conversions, guardrails and a pilot champion, once", async () => {
    await seedDemoOrganisation(db);
    await seedDemoContent(db);
    expect((await syncLibrary(db)).ok).toBe(true);
    await seedDemoAcknowledgements(db);
    await seedDemoTraining(db);
    await certifyDemoStaff(db);
    await seedDemoActivity(db);
    expect(await seedDemoResults(db)).toEqual({ conversions: 5, wave: true });
    expect(await seedDemoResults(db)).toEqual({ conversions: 0, wave: false });

    const withVariants = await db
      .selectFrom("content_items")
      .select(["id", "status"])
      .where("title", "=", "Llevamos la fibra a 40 000 hogares más en la Comunidad Valenciana")
      .executeTakeFirstOrThrow();
    expect(withVariants.status).not.toBe("draft");
    expect((await readShareVariants(db, withVariants.id)).x).toHaveLength(2);

    const campaign = await db.selectFrom("campaigns").select("id").where("name", "=", "Fibra para todos").executeTakeFirstOrThrow();
    const results = await campaignResults(db, campaign.id);
    expect(results?.budget).toEqual({ amount: 12_000, currency: "EUR" });
    expect(results).toMatchObject({ conversions: 5, leads: 3, costPerLead: 4000 });
    expect(results?.goals.find((g) => g.metric === "conversions")).toMatchObject({ target: 40, reached: 5 });

    expect((await listBlockedPhrases(db, "es")).map((p) => [p.phrase, p.ruleNumber])).toEqual([["opinión oficial de la empresa", 5]]);
    expect(await listDisclosures(db)).toEqual({ x: "#empleado" });

    const champion = await db.selectFrom("users").select("id").where("email", "=", DEMO_CHAMPION_EMAIL).executeTakeFirstOrThrow();
    const wave = await db.selectFrom("cohorts").select("id").where("name", "=", DEMO_PILOT_WAVE).executeTakeFirstOrThrow();
    expect(await championScopes(db, champion.id)).toEqual([expect.objectContaining({ kind: "cohort", id: wave.id })]);

    const newcomer = await db.selectFrom("users").select("id").where("email", "=", "employee@demo.altavoz.test").executeTakeFirstOrThrow();
    const converted = await db
      .selectFrom("conversions")
      .innerJoin("tracked_links", "tracked_links.id", "conversions.link_id")
      .select("conversions.id")
      .where("tracked_links.user_id", "=", newcomer.id)
      .execute();
    expect(converted).toHaveLength(0);
    // The whole demo is seeded here: slower than one test's default on PostgreSQL.
  }, 180_000);
});
