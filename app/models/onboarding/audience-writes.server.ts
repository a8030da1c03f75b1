/** Choosing who a required guideline or workshop is required of (see audience.server.ts), and the progress it moves. */
import { inTransaction, type DB } from "~/utils/db.server";
import { audiencesOf, inAudienceSql, personRefs, type Audience, type AudienceKind } from "./audience.server";
import { rebuildOnboardingProgress, refreshOnboardingProgress } from "./progress.server";

export type AudienceResult = { ok: true; refreshed: number | "everyone" } | { ok: false; field: string; error: string };

async function checkAudience(db: DB, audience: Audience): Promise<{ field: string; error: string } | null> {
  if (audience.departmentIds.length) {
    const found = await db.selectFrom("departments").select("id").where("id", "in", audience.departmentIds).execute();
    if (found.length !== audience.departmentIds.length) return { field: "departmentIds", error: "onboarding.errors.unknownDepartment" };
  }
  if (audience.cohortIds.length) {
    const found = await db.selectFrom("cohorts").select("id").where("id", "in", audience.cohortIds).execute();
    if (found.length !== audience.cohortIds.length) return { field: "cohortIds", error: "onboarding.errors.unknownCohort" };
  }
  return null;
}

async function subjectExists(db: DB, kind: AudienceKind, subjectId: string): Promise<boolean> {
  const table = kind === "guideline" ? "guideline_documents" : "workshops";
  return Boolean(await db.selectFrom(table).select("id").where("id", "=", subjectId).executeTakeFirst());
}

/** The people of an audience (its departments', its cohorts' listed people and their departments'). */
async function peopleOf(db: DB, audience: Audience): Promise<string[]> {
  const rows = await db
    .selectFrom("users as u")
    .select("u.id")
    .where(inAudienceSql(audience, personRefs("u.id", "u.department_id")))
    .execute();
  return rows.map((row) => row.id);
}

async function replaceRows(trx: DB, kind: AudienceKind, subjectId: string, audience: Audience): Promise<void> {
  if (kind === "guideline") {
    await trx.deleteFrom("guideline_required_departments").where("document_id", "=", subjectId).execute();
    await trx.deleteFrom("guideline_required_cohorts").where("document_id", "=", subjectId).execute();
    if (audience.departmentIds.length)
      await trx
        .insertInto("guideline_required_departments")
        .values(audience.departmentIds.map((department_id) => ({ document_id: subjectId, department_id })))
        .execute();
    if (audience.cohortIds.length)
      await trx
        .insertInto("guideline_required_cohorts")
        .values(audience.cohortIds.map((cohort_id) => ({ document_id: subjectId, cohort_id })))
        .execute();
    return;
  }
  await trx.deleteFrom("workshop_required_departments").where("workshop_id", "=", subjectId).execute();
  await trx.deleteFrom("workshop_required_cohorts").where("workshop_id", "=", subjectId).execute();
  if (audience.departmentIds.length)
    await trx
      .insertInto("workshop_required_departments")
      .values(audience.departmentIds.map((department_id) => ({ workshop_id: subjectId, department_id })))
      .execute();
  if (audience.cohortIds.length)
    await trx
      .insertInto("workshop_required_cohorts")
      .values(audience.cohortIds.map((cohort_id) => ({ workshop_id: subjectId, cohort_id })))
      .execute();
}

/**
 * Sets who the guideline document or workshop is required of (no departments and no cohorts: everyone).
 * Only the people in the old or the new audience can change standing, so only their progress rows are
 * refreshed; when either side is everyone, every row is rebuilt.
 */
export async function setRequiredAudience(db: DB, input: { kind: AudienceKind; subjectId: string } & Audience): Promise<AudienceResult> {
  const audience = { departmentIds: [...new Set(input.departmentIds)], cohortIds: [...new Set(input.cohortIds)] };
  if (!(await subjectExists(db, input.kind, input.subjectId))) return { ok: false, field: "", error: "onboarding.errors.unknownSubject" };
  const problem = await checkAudience(db, audience);
  if (problem) return { ok: false, ...problem };
  return inTransaction(db, async (trx) => {
    const before = (await audiencesOf(trx, input.kind, [input.subjectId])).get(input.subjectId);
    await replaceRows(trx, input.kind, input.subjectId, audience);
    const everyoneAfter = audience.departmentIds.length === 0 && audience.cohortIds.length === 0;
    if (!before && everyoneAfter) return { ok: true, refreshed: 0 } as const;
    if (!before || everyoneAfter) {
      await rebuildOnboardingProgress(trx);
      return { ok: true, refreshed: "everyone" } as const;
    }
    const people = [...new Set([...(await peopleOf(trx, before)), ...(await peopleOf(trx, audience))])];
    await refreshOnboardingProgress(trx, people);
    return { ok: true, refreshed: people.length } as const;
  });
}

/** The audience as chosen (empty lists: everyone). */
export async function requiredAudience(db: DB, kind: AudienceKind, subjectId: string): Promise<Audience> {
  return (await audiencesOf(db, kind, [subjectId])).get(subjectId) ?? { departmentIds: [], cohortIds: [] };
}
