import { describe, expect, it } from "vitest";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { setDocumentRequired } from "~/models/guidelines/documents.server";
import { setRequiredAudience } from "~/models/onboarding/audience-writes.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { computeOnboardingProgress, progressKey, rebuildOnboardingProgress } from "~/models/onboarding/progress.server";
import { deactivateUser, insertUser, reactivateUser, updatePerson } from "~/models/people/users.server";
import { markLessonDone, submitQuiz } from "~/models/workshops/progress.server";
import { db } from "~/utils/db.server";
import { createGuideline, publishNewVersion, sampleText, textHashOf } from "../guidelines/helpers";
import { createTestDepartment, createTestUser } from "../support/http";
import { createTestWorkshop, RIGHT_ANSWERS } from "./helpers";
import { createTestCohort } from "../cohorts/helpers";
import { seededRandom as random } from "../support/random";

async function stored(): Promise<string[]> {
  return (await db.selectFrom("onboarding_progress").selectAll().execute()).map(progressKey).sort();
}

async function recomputed(): Promise<string[]> {
  return (await computeOnboardingProgress(db, null)).map(progressKey).sort();
}

describe("onboarding progress kept by the writes", () => {
  it("equals a recomputation after random sequences of joins, acknowledgements, lessons, completions, moves and leaves", async () => {
    const departments = [await createTestDepartment(), await createTestDepartment(), null];
    const guideline = await createGuideline({ required: true });
    const workshops = [
      await createTestWorkshop({ settings: { required: true, dueDays: 3 } }),
      await createTestWorkshop({ settings: { required: true, dueDays: null } }),
    ];
    const people: string[] = [];
    const admin = await createTestUser({ roles: ["admin"] });
    const listed = await createTestUser({ departmentId: departments[1] });
    const cohort = await createTestCohort(admin.id, [listed.email], Date.now(), Date.now() + 86_400_000);
    await db
      .insertInto("cohort_departments")
      .values({ cohort_id: cohort, department_id: departments[0] ?? "" })
      .execute();
    const audiences = [
      { departmentIds: [], cohortIds: [] },
      { departmentIds: [departments[1] ?? ""], cohortIds: [] },
      { departmentIds: [], cohortIds: [cohort] },
      { departmentIds: [departments[1] ?? ""], cohortIds: [cohort] },
    ];
    let versionId = guideline.versionId;
    for (const seed of [1, 2, 3]) {
      const r = random(seed);
      for (let step = 0; step < 40; step++) {
        const who = people.length ? r.pick(people) : null;
        const roll = r.int(12);
        const event = !who || roll >= 9 ? 0 : roll;
        if (event === 0) {
          const invited = r.int(3) === 0;
          const id = invited
            ? await insertUser(db, {
                email: `p${seed}-${step}@example.com`,
                name: `Ñandú ${step}`,
                departmentId: r.pick(departments),
                roles: ["employee"],
                status: "invited",
              })
            : (await createTestUser({ departmentId: r.pick(departments), name: `Álvaro ${step}` })).id;
          people.push(id);
        } else if (!who) continue;
        else if (event === 1) {
          const hash = await textHashOf(versionId, "es");
          await acknowledgeGuideline(db, { userId: who, versionId, language: "es", textHash: hash });
        } else if (event === 2) await markLessonDone(db, { userId: who, workshopId: r.pick(workshops).workshopId, lesson: 1 + r.int(2) });
        else if (event === 3) {
          const w = r.pick(workshops);
          await markLessonDone(db, { userId: who, workshopId: w.workshopId, lesson: 1 });
          await markLessonDone(db, { userId: who, workshopId: w.workshopId, lesson: 2 });
          await submitQuiz(db, { userId: who, workshopId: w.workshopId, versionId: w.versionId, language: "es", answers: RIGHT_ANSWERS });
        } else if (event === 4)
          await updatePerson(db, who, { name: `Zoë ${step}`, departmentId: r.pick(departments), roles: ["employee"] });
        else if (event === 5)
          await updatePerson(db, who, {
            name: `Editor ${step}`,
            departmentId: null,
            roles: r.int(2) ? ["editor"] : ["employee", "editor"],
          });
        else if (event === 6) await deactivateUser(db, who);
        else if (event === 7) await reactivateUser(db, who);
        else if (event === 8 && r.int(4) === 0) {
          if (r.int(2))
            versionId = (await publishNewVersion(guideline.documentId, sampleText({ title: `Normas ${seed}.${step}` }))).versionId;
          else await setDocumentRequired(db, guideline.documentId, r.int(3) !== 0);
        } else if (event === 8) {
          // A new audience for the guideline or a workshop refreshes only the people of the old and new ones.
          const audience = r.pick(audiences);
          if (r.int(2)) await setRequiredAudience(db, { kind: "guideline", subjectId: guideline.documentId, ...audience });
          else await setRequiredAudience(db, { kind: "workshop", subjectId: r.pick(workshops).workshopId, ...audience });
          expect(await stored()).toEqual(await recomputed());
        }
      }
      expect(await stored()).toEqual(await recomputed());
      // The one-person gate (SQL) and the bulk rows (in memory) apply the same audiences.
      const progress = await db.selectFrom("onboarding_progress").select(["user_id", "ambassador"]).where("active", "=", 1).execute();
      for (const row of progress)
        expect([row.user_id, await isOnboarded(db, row.user_id)]).toEqual([row.user_id, Number(row.ambassador) === 1]);
    }
    const audienceRows = await db.selectFrom("workshop_required_cohorts").select("cohort_id").execute();
    const guidelineRows = await db.selectFrom("guideline_required_departments").select("department_id").execute();
    expect(audienceRows.length + guidelineRows.length).toBeGreaterThan(0);
    const rows = await stored();
    expect(rows.length).toBeGreaterThan(10);
    // Someone started and someone did not, so both sides of the flags were compared.
    expect(new Set(rows.map((row) => JSON.parse(row)[8]))).toEqual(new Set([0, 1]));
    expect(await rebuildOnboardingProgress(db)).toBe(0);
  });

  it("repairs rows written past it, and reports how many it changed", async () => {
    const person = await createTestUser({ name: "Persona Reparada" });
    await db
      .updateTable("users")
      .set({ created_at: Date.now() - 40 * 86_400_000 })
      .where("id", "=", person.id)
      .execute();
    expect(await stored()).not.toEqual(await recomputed());
    expect(await rebuildOnboardingProgress(db)).toBe(1);
    expect(await stored()).toEqual(await recomputed());
  });
});
