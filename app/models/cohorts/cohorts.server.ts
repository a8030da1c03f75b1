import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { cohortMemberIdsQuery, cohortsOf, parseMemberEmails } from "./members.server";
import { MAX_MEMBER_EMAILS } from "./schema";

export interface CohortInput {
  name: string;
  startsAt: number;
  /** Exclusive: the start of the day after the last one. */
  endsAt: number;
  goalParticipation: number | null;
  goalShares: number | null;
  goalUniqueClicks: number | null;
  goalConversions?: number | null;
  departmentIds: string[];
  /** Emails, one per line or CSV (see parseMemberEmails). */
  emails: string;
}

export type CohortResult =
  { ok: true; id: string; people: number } | { ok: false; field: string; error: string; params?: Record<string, string | number> };

async function resolvePeople(db: DB, emails: string[]): Promise<{ ids: string[]; unknown: string[] }> {
  const found = new Map<string, string>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .selectFrom("users")
      .select(["id", "email"])
      .where("email", "in", emails.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.email.toLowerCase(), row.id);
  }
  return { ids: emails.flatMap((email) => found.get(email) ?? []), unknown: emails.filter((email) => !found.has(email)) };
}

/** A new cohort with its departments and listed people, all or nothing; unknown emails refuse the whole list. */
export async function createCohort(db: DB, actorId: string, input: CohortInput, now = Date.now()): Promise<CohortResult> {
  const taken = await db.selectFrom("cohorts").select("id").where("name", "=", input.name).executeTakeFirst();
  if (taken) return { ok: false, field: "name", error: "cohorts.errors.nameTaken" };
  const departments = [...new Set(input.departmentIds)];
  if (departments.length) {
    const found = await db.selectFrom("departments").select("id").where("id", "in", departments).execute();
    if (found.length !== departments.length) return { ok: false, field: "departmentIds", error: "cohorts.errors.unknownDepartment" };
  }
  const emails = parseMemberEmails(input.emails);
  if (emails.length > MAX_MEMBER_EMAILS)
    return { ok: false, field: "emails", error: "cohorts.errors.tooManyEmails", params: { max: MAX_MEMBER_EMAILS } };
  const people = await resolvePeople(db, emails);
  if (people.unknown.length) {
    return {
      ok: false,
      field: "emails",
      error: "cohorts.errors.unknownEmails",
      params: { emails: people.unknown.slice(0, 5).join(", "), count: people.unknown.length },
    };
  }
  if (departments.length === 0 && people.ids.length === 0) return { ok: false, field: "departmentIds", error: "cohorts.errors.nobody" };
  const id = newId();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("cohorts")
      .values({
        id,
        name: input.name,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        goal_participation: input.goalParticipation,
        goal_shares: input.goalShares,
        goal_unique_clicks: input.goalUniqueClicks,
        goal_conversions: input.goalConversions ?? null,
        created_by: actorId,
        created_at: now,
      })
      .execute();
    if (departments.length)
      await trx
        .insertInto("cohort_departments")
        .values(departments.map((department_id) => ({ cohort_id: id, department_id })))
        .execute();
    for (let i = 0; i < people.ids.length; i += 500) {
      await trx
        .insertInto("cohort_people")
        .values(people.ids.slice(i, i + 500).map((user_id) => ({ cohort_id: id, user_id })))
        .execute();
    }
  });
  return { ok: true, id, people: people.ids.length };
}

export async function listCohorts(db: DB) {
  return db.selectFrom("cohorts").select(["id", "name", "starts_at", "ends_at"]).orderBy("starts_at", "asc").orderBy("name").execute();
}

export async function cohortOptions(db: DB) {
  return db.selectFrom("cohorts").select(["id", "name"]).orderBy("starts_at", "asc").orderBy("name").execute();
}

/** The cohorts a person may pick as a leaderboard's scope: all of them for those who see names, else their own. */
export async function cohortChoices(db: DB, person: { id: string; departmentId: string | null }, all: boolean) {
  const options = await cohortOptions(db);
  if (all) return options;
  const mine = new Set(await cohortsOf(db, person));
  return options.filter((option) => mine.has(option.id));
}

export async function getCohort(db: DB, id: string) {
  const cohort = await db.selectFrom("cohorts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!cohort) return null;
  const [departments, people] = await Promise.all([
    db
      .selectFrom("cohort_departments")
      .innerJoin("departments", "departments.id", "cohort_departments.department_id")
      .select(["departments.id", "departments.name"])
      .where("cohort_departments.cohort_id", "=", id)
      .orderBy("departments.name")
      .execute(),
    db
      .selectFrom("users")
      .leftJoin("departments", "departments.id", "users.department_id")
      .select(["users.id", "users.name", "users.email", "users.status", "departments.name as department_name"])
      .where("users.id", "in", cohortMemberIdsQuery(db, id))
      .orderBy("users.name")
      .limit(1000)
      .execute(),
  ]);
  return { ...cohort, departments, people };
}
