/**
 * Who a required guideline or workshop is required of. No audience rows: everyone (as before audiences
 * existed); otherwise the people of the chosen departments and the people of the chosen cohorts (listed,
 * or in one of the cohort's departments). A guideline's audience belongs to its document, a workshop's to
 * the workshop (not a version): changing it takes effect at once, as making a document required does.
 *
 * The rule is written twice on purpose, once as SQL for one person's gates (`requiredOfSql`, with
 * `inAudienceSql` for an audience already loaded) and once in memory for the bulk progress rows
 * (`loadRequirements`); tests/onboarding/audience.test.ts holds them equal.
 */
import { sql, type Expression, type SqlBool } from "kysely";
import type { DB } from "~/utils/db.server";

export const AUDIENCE_KINDS = ["guideline", "workshop"] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

const TABLES = {
  guideline: { departments: "guideline_required_departments", cohorts: "guideline_required_cohorts", key: "document_id" },
  workshop: { departments: "workshop_required_departments", cohorts: "workshop_required_cohorts", key: "workshop_id" },
} as const;

export interface Audience {
  departmentIds: string[];
  cohortIds: string[];
}

type Value<T> = T | Expression<T>;

export interface PersonSql {
  id: Value<string>;
  departmentId: Value<string | null>;
}

/** One person by id, their department read by a subquery. */
export function personSql(userId: string): PersonSql {
  return { id: userId, departmentId: sql<string | null>`(select department_id from users where id = ${userId})` };
}

/** A person from a query's columns, e.g. `personRefs("u.id", "u.department_id")`. */
export function personRefs(id: string, departmentId: string): PersonSql {
  return { id: sql.ref<string>(id), departmentId: sql.ref<string | null>(departmentId) };
}

/**
 * Whether the guideline document or workshop at `subjectRef` (a column, e.g. "d.id", or an expression such
 * as `sql.val(id)`) is required of the person.
 */
export function requiredOfSql(kind: AudienceKind, subjectRef: string | Expression<string>, person: PersonSql) {
  const t = TABLES[kind];
  const subject = typeof subjectRef === "string" ? sql.ref(subjectRef) : subjectRef;
  const departments = sql`select 1 from ${sql.table(t.departments)} as rd where ${sql.ref(`rd.${t.key}`)} = ${subject}`;
  const cohorts = sql`select 1 from ${sql.table(t.cohorts)} as rc where ${sql.ref(`rc.${t.key}`)} = ${subject}`;
  return sql<SqlBool>`((not exists (${departments}) and not exists (${cohorts}))
    or exists (${departments} and rd.department_id = ${person.departmentId})
    or exists (${cohorts} and rc.cohort_id in (select cp.cohort_id from cohort_people as cp where cp.user_id = ${person.id}))
    or exists (${cohorts} and rc.cohort_id in (select cd.cohort_id from cohort_departments as cd where cd.department_id = ${person.departmentId})))`;
}

/**
 * Whether the person is in an audience already loaded (not everyone), as lists of ids with no correlation
 * to the subject: the planners run them as one lookup each, where `requiredOfSql` is re-evaluated per person.
 */
export function inAudienceSql(audience: Audience, person: PersonSql) {
  const departments = sql.join(audience.departmentIds.length ? audience.departmentIds : [""]);
  const cohorts = sql.join(audience.cohortIds.length ? audience.cohortIds : [""]);
  return sql<SqlBool>`(${person.departmentId} in (${departments})
    or ${person.id} in (select cp.user_id from cohort_people as cp where cp.cohort_id in (${cohorts}))
    or ${person.departmentId} in (select cd.department_id from cohort_departments as cd where cd.cohort_id in (${cohorts})))`;
}

/** Every audience of one kind that is not everyone, by subject id (two queries). */
export async function audiencesOf(db: DB, kind: AudienceKind, subjectIds?: string[]): Promise<Map<string, Audience>> {
  if (subjectIds?.length === 0) return new Map();
  const [departments, cohorts] =
    kind === "guideline"
      ? await Promise.all([
          db
            .selectFrom("guideline_required_departments")
            .select(["document_id as subject", "department_id as target"])
            .$if(subjectIds !== undefined, (q) => q.where("document_id", "in", subjectIds ?? []))
            .execute(),
          db
            .selectFrom("guideline_required_cohorts")
            .select(["document_id as subject", "cohort_id as target"])
            .$if(subjectIds !== undefined, (q) => q.where("document_id", "in", subjectIds ?? []))
            .execute(),
        ])
      : await Promise.all([
          db
            .selectFrom("workshop_required_departments")
            .select(["workshop_id as subject", "department_id as target"])
            .$if(subjectIds !== undefined, (q) => q.where("workshop_id", "in", subjectIds ?? []))
            .execute(),
          db
            .selectFrom("workshop_required_cohorts")
            .select(["workshop_id as subject", "cohort_id as target"])
            .$if(subjectIds !== undefined, (q) => q.where("workshop_id", "in", subjectIds ?? []))
            .execute(),
        ]);
  const audiences = new Map<string, Audience>();
  const entry = (id: string): Audience => {
    const found = audiences.get(id) ?? { departmentIds: [], cohortIds: [] };
    audiences.set(id, found);
    return found;
  };
  for (const row of departments) entry(row.subject).departmentIds.push(row.target);
  for (const row of cohorts) entry(row.subject).cohortIds.push(row.target);
  return audiences;
}

export interface Requirements {
  /** Whether the subject is required of the person (people outside the loaded ones count as in no cohort). */
  applies(kind: AudienceKind, subjectId: string, person: { id: string; departmentId: string | null }): boolean;
}

/**
 * The audiences and, for the cohorts they name, which of `userIds` (null: everyone) belong to them: a fixed
 * number of queries, reading cohort rows only for cohorts some audience names.
 */
export async function loadRequirements(db: DB, userIds: string[] | null): Promise<Requirements> {
  const [guideline, workshop] = await Promise.all([audiencesOf(db, "guideline"), audiencesOf(db, "workshop")]);
  const cohortIds = [...new Set([...guideline.values(), ...workshop.values()].flatMap((a) => a.cohortIds))];
  const [listed, viaDepartment] =
    cohortIds.length === 0 || userIds?.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom("cohort_people")
            .select(["cohort_id", "user_id"])
            .where("cohort_id", "in", cohortIds)
            .$if(userIds !== null, (q) => q.where("user_id", "in", userIds ?? []))
            .execute(),
          db.selectFrom("cohort_departments").select(["cohort_id", "department_id"]).where("cohort_id", "in", cohortIds).execute(),
        ]);
  const listedIn = new Set(listed.map((row) => `${row.cohort_id} ${row.user_id}`));
  const departmentIn = new Set(viaDepartment.map((row) => `${row.cohort_id} ${row.department_id}`));
  const audiences = { guideline, workshop };
  return {
    applies(kind, subjectId, person) {
      const audience = audiences[kind].get(subjectId);
      if (!audience) return true;
      if (person.departmentId !== null && audience.departmentIds.includes(person.departmentId)) return true;
      return audience.cohortIds.some(
        (cohortId) =>
          listedIn.has(`${cohortId} ${person.id}`) ||
          (person.departmentId !== null && departmentIn.has(`${cohortId} ${person.departmentId}`)),
      );
    },
  };
}
