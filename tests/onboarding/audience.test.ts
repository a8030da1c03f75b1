// A required guideline or workshop can be required of chosen departments and cohorts only: the person's
// onboarding, the HR dashboard, the sharing gate and the progress rows all follow it.
import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgeGuideline, pendingRequiredGuidelines } from "~/models/guidelines/acknowledgements.server";
import { setRequiredAudience } from "~/models/onboarding/audience-writes.server";
import { onboardingDashboard, onboardingPeople } from "~/models/onboarding/dashboard.server";
import { audiencesOf, inAudienceSql, personRefs, requiredOfSql } from "~/models/onboarding/audience.server";
import { computeOnboardingProgress, progressKey, rebuildOnboardingProgress } from "~/models/onboarding/progress.server";
import { getOnboardingStatus, isOnboarded, onboardedPeople } from "~/models/onboarding/status.server";
import { recordShare } from "~/models/sharing/shares.server";
import { db } from "~/utils/db.server";
import { approvedItem, createActor } from "../content/helpers";
import { createTestCohort } from "../cohorts/helpers";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { createTestDepartment, createTestUser, ORIGIN, type TestUser } from "../support/http";
import { createTestWorkshop, onlyTheseRequired } from "../workshops/helpers";

const DAY = 86_400_000;
const EMPTY = { department: "", from: null, to: null };

async function stored(): Promise<string[]> {
  return (await db.selectFrom("onboarding_progress").selectAll().execute()).map(progressKey).sort();
}

async function recomputed(): Promise<string[]> {
  return (await computeOnboardingProgress(db, null)).map(progressKey).sort();
}

async function complete(userId: string, w: { workshopId: string; versionId: string }) {
  await db
    .insertInto("workshop_completions")
    .values({ user_id: userId, workshop_id: w.workshopId, version_id: w.versionId, method: "quiz", completed_at: Date.now() })
    .execute();
}

let insider: TestUser;
let outsider: TestUser;
let viaDepartment: TestUser;
let department: string;
let cohort: string;
let workshop: { workshopId: string; slug: string; versionId: string };

beforeAll(async () => {
  // Only this file's own required things count.
  await db.updateTable("guideline_documents").set({ required: 0 }).execute();
  department = await createTestDepartment();
  const admin = await createTestUser({ roles: ["admin"] });
  insider = await createTestUser();
  outsider = await createTestUser();
  viaDepartment = await createTestUser({ departmentId: department });
  cohort = await createTestCohort(admin.id, [insider.email], Date.now() - DAY, Date.now() + 30 * DAY);
  await db.insertInto("cohort_departments").values({ cohort_id: cohort, department_id: department }).execute();
  workshop = await createTestWorkshop({ settings: { required: true, dueDays: 5 } });
  await onlyTheseRequired([workshop.workshopId]);
  await rebuildOnboardingProgress(db);
});

describe("a workshop required of one cohort", () => {
  it("must be completed by its people to finish onboarding, and not by anyone else", async () => {
    const result = await setRequiredAudience(db, {
      kind: "workshop",
      subjectId: workshop.workshopId,
      departmentIds: [],
      cohortIds: [cohort],
    });
    expect(result).toEqual({ ok: true, refreshed: "everyone" });
    expect(await isOnboarded(db, insider.id)).toBe(false);
    expect(await isOnboarded(db, viaDepartment.id)).toBe(false);
    expect(await isOnboarded(db, outsider.id)).toBe(true);
    expect((await getOnboardingStatus(db, insider.id)).pendingWorkshops.map((w) => w.slug)).toEqual([workshop.slug]);
    const outside = await getOnboardingStatus(db, outsider.id);
    expect(outside).toMatchObject({ state: "complete", pendingWorkshops: [], dueAt: null });
    expect(await stored()).toEqual(await recomputed());

    await complete(insider.id, workshop);
    await rebuildOnboardingProgress(db);
    expect(await isOnboarded(db, insider.id)).toBe(true);
    const onboarded = (await onboardedPeople(db).execute()).map((r) => r.id);
    expect(onboarded).toEqual(expect.arrayContaining([insider.id, outsider.id]));
    expect(onboarded).not.toContain(viaDepartment.id);
  });

  it("is counted on the HR dashboard only for the people it is required of", async () => {
    await complete(outsider.id, workshop);
    await rebuildOnboardingProgress(db);
    const dashboard = await onboardingDashboard(db, EMPTY, "es");
    const column = dashboard.workshops.findIndex((w) => w.id === workshop.workshopId);
    // The outsider's completion is not one of the workshop's required completions.
    expect(dashboard.total.workshops[column]).toBe(1);
    const { people } = await onboardingPeople(db, EMPTY);
    const byId = new Map(people.map((p) => [p.id, p]));
    expect(byId.get(outsider.id)).toMatchObject({ workshopsRequired: [], workshopsDone: [], ambassador: true });
    expect(byId.get(viaDepartment.id)).toMatchObject({ workshopsRequired: [workshop.workshopId], workshopsDone: [], ambassador: false });
    const overdueLater = await onboardingDashboard(db, EMPTY, "es", Date.now() + 10 * DAY);
    const overdue = overdueLater.overdue.find((p) => p.id === viaDepartment.id);
    expect(overdue).toMatchObject({ workshopsLeft: 1 });
    expect(overdueLater.overdue.map((p) => p.id)).not.toContain(outsider.id);
  });

  it("refuses unknown departments and cohorts with a translated error and changes nothing", async () => {
    const before = await stored();
    expect(
      await setRequiredAudience(db, { kind: "workshop", subjectId: workshop.workshopId, departmentIds: ["nope"], cohortIds: [] }),
    ).toEqual({
      ok: false,
      field: "departmentIds",
      error: "onboarding.errors.unknownDepartment",
    });
    expect(
      await setRequiredAudience(db, { kind: "workshop", subjectId: workshop.workshopId, departmentIds: [], cohortIds: ["nope"] }),
    ).toEqual({
      ok: false,
      field: "cohortIds",
      error: "onboarding.errors.unknownCohort",
    });
    const rows = await db
      .selectFrom("workshop_required_cohorts")
      .select("cohort_id")
      .where("workshop_id", "=", workshop.workshopId)
      .execute();
    expect(rows).toEqual([{ cohort_id: cohort }]);
    expect(await stored()).toEqual(before);
  });
});

describe("a guideline required of one department", () => {
  it("gates sharing for that department's people only", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const itemId = await approvedItem(editor, reviewer, { publishAt: Date.now() - DAY }, Date.now() - 2 * DAY);
    await onlyTheseRequired([]);
    await rebuildOnboardingProgress(db);
    const guideline = await createGuideline({ required: true });
    const result = await setRequiredAudience(db, {
      kind: "guideline",
      subjectId: guideline.documentId,
      departmentIds: [department],
      cohortIds: [],
    });
    expect(result.ok).toBe(true);
    expect(await pendingRequiredGuidelines(db, outsider.id)).toEqual([]);
    expect((await pendingRequiredGuidelines(db, viaDepartment.id)).map((g) => g.slug)).toEqual([guideline.slug]);
    const share = (userId: string) => recordShare(db, { userId, itemId, network: "linkedin", text: "Hola", origin: ORIGIN });
    expect(await share(outsider.id)).toMatchObject({ ok: true });
    expect(await share(viaDepartment.id)).toEqual({ ok: false, reason: "notOnboarded" });
    await acknowledgeGuideline(db, {
      userId: viaDepartment.id,
      versionId: guideline.versionId,
      language: "es",
      textHash: await textHashOf(guideline.versionId, "es"),
    });
    expect(await share(viaDepartment.id)).toMatchObject({ ok: true });
    expect(await stored()).toEqual(await recomputed());
  });
});

describe("an audience already loaded (inAudienceSql)", () => {
  it("takes in exactly the people requiredOfSql finds the subject required of", async () => {
    const other = await createTestDepartment();
    const inOther = await createTestUser({ departmentId: other });
    const guideline = await createGuideline({ required: true });
    const result = await setRequiredAudience(db, {
      kind: "guideline",
      subjectId: guideline.documentId,
      departmentIds: [other],
      cohortIds: [cohort],
    });
    expect(result.ok).toBe(true);
    const audience = (await audiencesOf(db, "guideline", [guideline.documentId])).get(guideline.documentId)!;
    const person = personRefs("u.id", "u.department_id");
    const rows = await db
      .selectFrom(["users as u", "guideline_documents as d"])
      .where("d.id", "=", guideline.documentId)
      .select(["u.id", requiredOfSql("guideline", "d.id", person).as("perPerson"), inAudienceSql(audience, person).as("loaded")])
      .execute();
    // Listed in the cohort, in the cohort's department, in the chosen department; and someone in none.
    const inside = rows.filter((row) => Boolean(row.perPerson)).map((row) => row.id);
    expect(inside).toEqual(expect.arrayContaining([insider.id, viaDepartment.id, inOther.id]));
    expect(inside).not.toContain(outsider.id);
    expect(rows.filter((row) => Boolean(row.loaded)).map((row) => row.id)).toEqual(inside);
  });
});
