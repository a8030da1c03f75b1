/**
 * `onboarding_progress`: one row per employee who is invited or active, saying where they stand (guidelines,
 * required workshops done, ambassador, started, due date). The HR dashboard counts and pages it in the
 * database instead of working every person out per request.
 *
 * Every write that changes a person's standing calls `refreshOnboardingProgress` for that person in its own
 * transaction (acknowledgements, lessons, quizzes, completions, sessions, joining, roles, department, status).
 * Writes that change everyone's standing (publishing or retiring a guideline or a workshop, making one
 * required, a new time zone) call `rebuildOnboardingProgress`; a new audience for a required one refreshes the
 * people of its old and new audience (audience-writes.server.ts), which is also the repair and what the tests
 * compare against.
 */
import type { OnboardingProgressTable } from "#db/schema";
import { inTransaction, type DB } from "~/utils/db.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { onboardingDueAt, requiredWorkshops } from "./due-dates.server";
import { loadRequirements } from "./audience.server";
import { isCertifiedAmbassador, lockPeople, moveAmbassadorDays, rebuildAmbassadorGaps } from "~/models/analytics/sharing-gaps.server";

export type ProgressRow = OnboardingProgressTable;

const INSERT_CHUNK = 500;

/** The name folded for ordering: lower case, accents removed (so "Álvaro" sorts with "alvaro"). */
export function sortName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase("es");
}

/** What the source tables say about `userIds` (null: everyone), a fixed number of queries. */
export async function computeOnboardingProgress(db: DB, userIds: string[] | null): Promise<ProgressRow[]> {
  if (userIds?.length === 0) return [];
  const ids = userIds ?? [];
  const scoped = userIds !== null;
  const [timeZone, required, people, requiredGuidelines, acks, completions, started, requirements] = await Promise.all([
    getOrganisationTimeZone(db),
    requiredWorkshops(db),
    db
      .selectFrom("users as u")
      .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
      .select(["u.id", "u.name", "u.status", "u.created_at", "u.department_id"])
      .where("u.status", "in", ["invited", "active"])
      .$if(scoped, (q) => q.where("u.id", "in", ids))
      .execute(),
    db
      .selectFrom("guideline_documents as g")
      .innerJoin("guideline_versions as v", (join) => join.onRef("v.document_id", "=", "g.id").on("v.status", "=", "published"))
      .select("g.id")
      .where("g.required", "=", 1)
      .execute(),
    db
      .selectFrom("guideline_acknowledgements as a")
      .innerJoin("guideline_versions as v", (join) => join.onRef("v.id", "=", "a.version_id").on("v.status", "=", "published"))
      .innerJoin("guideline_documents as g", (join) => join.onRef("g.id", "=", "v.document_id").on("g.required", "=", 1))
      .select(["a.user_id", "g.id as document_id"])
      .$if(scoped, (q) => q.where("a.user_id", "in", ids))
      .execute(),
    db
      .selectFrom("workshop_completions")
      .select(["user_id", "workshop_id"])
      .$if(scoped, (q) => q.where("user_id", "in", ids))
      .execute(),
    startedPeople(db, userIds),
    loadRequirements(db, userIds),
  ]);
  const acked = new Set(acks.map((a) => `${a.user_id} ${a.document_id}`));
  const completed = new Set(completions.map((c) => `${c.user_id} ${c.workshop_id}`));
  return people.map((person): ProgressRow => {
    const who = { id: person.id, departmentId: person.department_id };
    const mine = required.filter((w) => requirements.applies("workshop", w.id, who));
    const guidelinesDone = requiredGuidelines.every(
      (g) => !requirements.applies("guideline", g.id, who) || acked.has(`${person.id} ${g.id}`),
    );
    const pending = mine.filter((w) => !completed.has(`${person.id} ${w.id}`)).map((w) => w.id);
    const ambassador = guidelinesDone && pending.length === 0;
    return {
      user_id: person.id,
      department_id: person.department_id,
      sort_name: sortName(person.name),
      joined_at: Number(person.created_at),
      active: person.status === "active" ? 1 : 0,
      guidelines_done: guidelinesDone ? 1 : 0,
      workshops_done: mine.length - pending.length,
      ambassador: ambassador ? 1 : 0,
      started: started.has(person.id) ? 1 : 0,
      due_at: ambassador ? null : onboardingDueAt(Number(person.created_at), mine, pending, timeZone),
    };
  });
}

/** Who did anything towards onboarding: acknowledged a guideline, a lesson, a quiz, a completion, a session. */
async function startedPeople(db: DB, userIds: string[] | null): Promise<Set<string>> {
  const tables = [
    "guideline_acknowledgements",
    "workshop_lesson_progress",
    "workshop_quiz_attempts",
    "workshop_completions",
    "workshop_registrations",
  ] as const;
  const lists = await Promise.all(
    tables.map((table) => {
      const query = db.selectFrom(table).select("user_id").distinct();
      return (userIds === null ? query : query.where("user_id", "in", userIds)).execute();
    }),
  );
  return new Set(lists.flat().map((row) => row.user_id));
}

async function insertRows(trx: DB, rows: ProgressRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx
      .insertInto("onboarding_progress")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/**
 * Who became a certified ambassador and who stopped, from the rows before and after; their share
 * days follow (sharing_gaps). When a rebuild changed the standing of more than a quarter of the
 * people, the ambassador scope is rebuilt in the database instead.
 */
async function followAmbassadors(
  trx: DB,
  before: Pick<ProgressRow, "user_id" | "active" | "ambassador">[],
  after: ProgressRow[],
  everyone = false,
) {
  const was = new Set(before.filter(isCertifiedAmbassador).map((row) => row.user_id));
  const now = new Set(after.filter(isCertifiedAmbassador).map((row) => row.user_id));
  const joined = [...now].filter((id) => !was.has(id));
  const left = [...was].filter((id) => !now.has(id));
  if (everyone && joined.length + left.length > Math.max(1, after.length / 4)) await rebuildAmbassadorGaps(trx);
  else await moveAmbassadorDays(trx, joined, left);
}

/** Brings these people's rows up to date, in the caller's transaction when there is one. */
export async function refreshOnboardingProgress(db: DB, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < userIds.length; i += INSERT_CHUNK) {
      const ids = userIds.slice(i, i + INSERT_CHUNK);
      await lockPeople(trx, ids);
      const before = await trx
        .selectFrom("onboarding_progress")
        .select(["user_id", "active", "ambassador"])
        .where("user_id", "in", ids)
        .execute();
      const rows = await computeOnboardingProgress(trx, ids);
      await trx.deleteFrom("onboarding_progress").where("user_id", "in", ids).execute();
      await insertRows(trx, rows);
      await followAmbassadors(trx, before, rows);
    }
  });
}

/** Recomputes every row from the source tables; returns how many rows changed (0: it was in step). */
export async function rebuildOnboardingProgress(db: DB): Promise<number> {
  return inTransaction(db, async (trx) => {
    await lockPeople(trx, null);
    const [rows, stored] = await Promise.all([
      computeOnboardingProgress(trx, null),
      trx.selectFrom("onboarding_progress").selectAll().execute(),
    ]);
    const before = new Map(stored.map((row) => [row.user_id, progressKey(row)]));
    const changed = rows.filter((row) => before.get(row.user_id) !== progressKey(row)).length + Math.max(0, stored.length - rows.length);
    await trx.deleteFrom("onboarding_progress").execute();
    await insertRows(trx, rows);
    await followAmbassadors(trx, stored, rows, true);
    return changed;
  });
}

/** Builds the table once for a database that had people before it existed (called at start-up). */
export async function ensureOnboardingProgress(db: DB): Promise<void> {
  const [built, employees] = await Promise.all([
    db.selectFrom("onboarding_progress").select("user_id").limit(1).executeTakeFirst(),
    db
      .selectFrom("user_roles as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select("u.id")
      .where("r.role", "=", "employee")
      .where("u.status", "in", ["invited", "active"])
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (!built && employees) await rebuildOnboardingProgress(db);
}

/** A row as comparable text (the dialects return numbers alike once read through `Number`). */
export function progressKey(row: ProgressRow): string {
  return JSON.stringify([
    row.user_id,
    row.department_id,
    row.sort_name,
    Number(row.joined_at),
    Number(row.active),
    Number(row.guidelines_done),
    Number(row.workshops_done),
    Number(row.ambassador),
    Number(row.started),
    row.due_at === null ? null : Number(row.due_at),
  ]);
}
