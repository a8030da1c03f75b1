/**
 * HR's view of onboarding: a funnel by department (invited → activated → guidelines acknowledged → each
 * required workshop → certified ambassador), the people who are overdue (a page at a time), a CSV export
 * (csv.server.ts) and reminders to overdue people (reminders.server.ts).
 *
 * People counted: everyone holding the employee role who is invited or active (not deactivated), filtered
 * by department and by the local date they joined (users.created_at) in the organisation's time zone. All of
 * it is read from `onboarding_progress` (progress.server.ts), counted and paged by the database.
 */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/utils/i18n";
import { parseLocalDate } from "~/models/core/dates";
import { pickLanguage } from "~/models/core/locale";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { onboardingState, requiredWorkshops, type OnboardingState } from "./due-dates.server";
import { cohortMemberIdsQuery } from "~/models/cohorts/members.server";
import { listDepartments } from "~/models/people/departments.server";
import { loadRequirements, personRefs, requiredOfSql } from "./audience.server";
import { DashboardFilterSchema, type DashboardFilter } from "./schema";

export { DashboardFilterSchema, ReminderIntervalSchema, type DashboardFilter } from "./schema";

export const OVERDUE_PAGE_SIZE = 50;

/** The filters in a URL; bad values give a translation key and no filter. */
export function parseDashboardFilter(params: URLSearchParams): { filter: DashboardFilter; error: string | null } {
  const parsed = DashboardFilterSchema.safeParse({
    department: params.get("department") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  });
  if (parsed.success) return { filter: parsed.data, error: null };
  return { filter: { department: "", from: null, to: null }, error: parsed.error.issues[0]?.message ?? "validation.invalid" };
}

/** The progress rows in the filter. */
function progressIn(db: DB, filter: DashboardFilter, timeZone: string) {
  const from = filter.from ? parseLocalDate(filter.from, timeZone) : null;
  const to = filter.to ? parseLocalDate(filter.to, timeZone, 1) : null;
  return db
    .selectFrom("onboarding_progress as p")
    .$if(filter.department === "none", (q) => q.where("p.department_id", "is", null))
    .$if(filter.department !== "" && filter.department !== "none", (q) => q.where("p.department_id", "=", filter.department))
    .$if(from !== null, (q) => q.where("p.joined_at", ">=", from ?? 0))
    .$if(to !== null, (q) => q.where("p.joined_at", "<", to ?? 0))
    .$if(Boolean(filter.cohort), (q) => q.where("p.user_id", "in", cohortMemberIdsQuery(db, filter.cohort ?? "")))
    .$if(filter.notStarted === true, (q) => q.where("p.started", "=", 0));
}

/** Overdue: active, not an ambassador (whose due date is cleared) and past the due date. */
function overdueOnly<Q extends ReturnType<typeof progressIn>>(query: Q, now: number): Q {
  return query.where("p.active", "=", 1).where("p.due_at", "<=", now) as Q;
}

export interface PersonOnboarding {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  department: string | null;
  status: "invited" | "active";
  joinedAt: number;
  guidelinesDone: boolean;
  /** The ids of the required workshops that are required of this person. */
  workshopsRequired: string[];
  /** Of those, the ones completed. */
  workshopsDone: string[];
  ambassador: boolean;
  state: OnboardingState;
  dueAt: number | null;
  lastRemindedAt: number | null;
}

/** The people in the filter (or only the overdue ones) with where they stand, ordered by name. */
export async function onboardingPeople(db: DB, filter: DashboardFilter, now = Date.now(), options: { overdue?: boolean } = {}) {
  const timeZone = await getOrganisationTimeZone(db);
  const scope = () => (options.overdue ? overdueOnly(progressIn(db, filter, timeZone), now) : progressIn(db, filter, timeZone));
  const [rows, required, completions, requirements] = await Promise.all([
    scope()
      .innerJoin("users as u", "u.id", "p.user_id")
      .leftJoin("departments as d", "d.id", "p.department_id")
      .selectAll("p")
      .select(["u.name", "u.email", "u.locale", "d.name as department"])
      .select((eb) =>
        eb
          .selectFrom("onboarding_reminders as m")
          .select((m) => m.fn.max("m.sent_at").as("at"))
          .whereRef("m.user_id", "=", "p.user_id")
          .as("reminded"),
      )
      .orderBy("p.sort_name")
      .orderBy("p.user_id")
      .execute(),
    requiredWorkshops(db),
    scope().innerJoin("workshop_completions as c", "c.user_id", "p.user_id").select(["c.user_id", "c.workshop_id"]).execute(),
    loadRequirements(db, null),
  ]);
  const completed = new Set(completions.map((c) => `${c.user_id} ${c.workshop_id}`));
  const people = rows.map((row): PersonOnboarding => {
    const who = { id: row.user_id, departmentId: row.department_id };
    const mine = required.filter((w) => requirements.applies("workshop", w.id, who)).map((w) => w.id);
    return {
      id: row.user_id,
      name: row.name,
      email: row.email,
      locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
      department: row.department,
      status: Number(row.active) === 1 ? "active" : "invited",
      joinedAt: Number(row.joined_at),
      guidelinesDone: Number(row.guidelines_done) === 1,
      workshopsRequired: mine,
      workshopsDone: mine.filter((id) => completed.has(`${row.user_id} ${id}`)),
      ambassador: Number(row.ambassador) === 1,
      state: progressState(row, now),
      dueAt: row.due_at === null ? null : Number(row.due_at),
      lastRemindedAt: row.reminded === null ? null : Number(row.reminded),
    };
  });
  return { people, workshops: required.map((w) => ({ id: w.id, slug: w.slug, titles: w.titles })) };
}

function progressState(row: { ambassador: number; started: number; due_at: number | null }, now: number): OnboardingState {
  const dueAt = row.due_at === null ? null : Number(row.due_at);
  return onboardingState({ complete: Number(row.ambassador) === 1, started: Number(row.started) === 1, dueAt, now });
}

export interface FunnelRow {
  departmentId: string | null;
  department: string | null;
  invited: number;
  activated: number;
  guidelines: number;
  /** Per required workshop, in the order of the workshop ids given: completions by people it is required of. */
  workshops: number[];
  ambassadors: number;
  overdue: number;
}

/** Each department's counts, read from onboarding_progress_funnel_idx alone (exported for the query-plan test). */
export function funnelCountsQuery(db: DB, filter: DashboardFilter, timeZone: string, now: number) {
  return progressIn(db, filter, timeZone)
    .select((eb) => [
      "p.department_id",
      eb.fn.countAll<number>().as("invited"),
      eb.fn.sum<number>("p.active").as("activated"),
      eb.fn.sum<number>("p.guidelines_done").as("guidelines"),
      eb.fn.sum<number>("p.ambassador").as("ambassadors"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("p.active", "=", 1), eb("p.due_at", "<=", now)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("overdue"),
    ])
    .groupBy("p.department_id");
}

/**
 * The funnel per department (by name, "no department" last) and in total: two grouped queries, the
 * counts read from onboarding_progress_funnel_idx alone in its order, the departments' names beside them
 * (joining them row by row made SQLite sort 100,000 rows: 80 ms against 14).
 */
export async function funnel(db: DB, filter: DashboardFilter, workshopIds: string[], now: number) {
  const timeZone = await getOrganisationTimeZone(db);
  const [counts, completions, departments] = await Promise.all([
    funnelCountsQuery(db, filter, timeZone, now).execute(),
    workshopIds.length === 0
      ? []
      : progressIn(db, filter, timeZone)
          .innerJoin("workshop_completions as c", "c.user_id", "p.user_id")
          .select((eb) => ["p.department_id", "c.workshop_id", eb.fn.countAll<number>().as("n")])
          .where("c.workshop_id", "in", workshopIds)
          .where(requiredOfSql("workshop", "c.workshop_id", personRefs("p.user_id", "p.department_id")))
          .groupBy(["p.department_id", "c.workshop_id"])
          .execute(),
    listDepartments(db),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const total: FunnelRow = { ...emptyRow(null, null, workshopIds.length) };
  const rows = counts.map((c) => {
    const row: FunnelRow = {
      ...emptyRow(c.department_id, c.department_id === null ? null : (names.get(c.department_id) ?? null), workshopIds.length),
      invited: Number(c.invited),
      activated: Number(c.activated),
      guidelines: Number(c.guidelines),
      ambassadors: Number(c.ambassadors),
      overdue: Number(c.overdue),
    };
    for (const w of completions) if (w.department_id === c.department_id) row.workshops[workshopIds.indexOf(w.workshop_id)] += Number(w.n);
    for (const key of ["invited", "activated", "guidelines", "ambassadors", "overdue"] as const) total[key] += row[key];
    row.workshops.forEach((n, i) => (total.workshops[i] += n));
    return row;
  });
  rows.sort((a, b) => (a.department === null ? 1 : b.department === null ? -1 : a.department.localeCompare(b.department, "es")));
  return { rows, total };
}

function emptyRow(departmentId: string | null, department: string | null, workshops: number): FunnelRow {
  const zeros = { invited: 0, activated: 0, guidelines: 0, ambassadors: 0, overdue: 0 };
  return { departmentId, department, ...zeros, workshops: Array.from({ length: workshops }, () => 0) };
}

/** The dashboard's data: funnel, one page of overdue people (by name), the required workshops' titles. */
export async function onboardingDashboard(db: DB, filter: DashboardFilter, language: Locale, now = Date.now(), page = 0) {
  const [required, timeZone] = await Promise.all([requiredWorkshops(db), getOrganisationTimeZone(db)]);
  const ids = required.map((w) => w.id);
  const [{ rows, total }, overdue] = await Promise.all([
    funnel(db, filter, ids, now),
    overdueOnly(progressIn(db, filter, timeZone), now)
      .innerJoin("users as u", "u.id", "p.user_id")
      .leftJoin("departments as d", "d.id", "p.department_id")
      .select([
        "p.user_id as id",
        "u.name",
        "u.email",
        "d.name as department",
        "p.joined_at",
        "p.due_at",
        "p.guidelines_done",
        "p.workshops_done",
      ])
      .select((eb) => [
        eb
          .selectFrom("onboarding_reminders as m")
          .select((m) => m.fn.max("m.sent_at").as("at"))
          .whereRef("m.user_id", "=", "p.user_id")
          .as("reminded"),
        eb
          .selectFrom("workshops as w")
          .select((x) => x.fn.countAll<number>().as("n"))
          .where("w.id", "in", ids.length ? ids : [""])
          .where(requiredOfSql("workshop", "w.id", personRefs("p.user_id", "p.department_id")))
          .as("workshops_required"),
      ])
      .orderBy("p.sort_name")
      .orderBy("p.user_id")
      .limit(OVERDUE_PAGE_SIZE)
      .offset(Math.max(0, page) * OVERDUE_PAGE_SIZE)
      .execute(),
  ]);
  return {
    workshops: required.map((w) => ({ id: w.id, slug: w.slug, title: pickLanguage(w.titles, language)?.text ?? w.slug })),
    rows,
    total,
    overdue: overdue.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      department: p.department,
      joinedAt: Number(p.joined_at),
      dueAt: p.due_at === null ? null : Number(p.due_at),
      guidelinesDone: Number(p.guidelines_done) === 1,
      workshopsLeft: Number(p.workshops_required) - Number(p.workshops_done),
      lastRemindedAt: p.reminded === null ? null : Number(p.reminded),
    })),
    overduePages: Math.ceil(total.overdue / OVERDUE_PAGE_SIZE),
  };
}
