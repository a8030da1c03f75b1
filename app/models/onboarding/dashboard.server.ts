/**
 * HR's view of onboarding: a funnel by department (invited → activated → guidelines acknowledged → each
 * required workshop → certified ambassador), the people who are overdue, a CSV export and reminders to
 * overdue people (each person at most once per configurable interval).
 *
 * People counted: everyone holding the employee role who is invited or active (not deactivated), filtered
 * by department and by the local date they joined (users.created_at) in the organisation's time zone.
 */
import Papa from "papaparse";
import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { serializableTransaction, type DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import { parseLocalDate, toLocalDateInput } from "~/models/core/dates";
import { pickLanguage } from "~/models/core/locale";
import { onboardingDueAt, onboardingState, requiredWorkshops, type OnboardingState } from "./status.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getNumberSetting, setSetting } from "~/models/core/settings.server";
import { DashboardFilterSchema, DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, MIN_REMINDER_DAYS, type DashboardFilter } from "./schema";

export { DashboardFilterSchema, ReminderIntervalSchema, type DashboardFilter } from "./schema";

const DAY = 24 * 60 * 60 * 1000;
export const REMINDER_INTERVAL_KEY = "onboarding.reminderIntervalDays";

// ---------------------------------------------------------------------------------------------
// Filters (from the query string)

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

// ---------------------------------------------------------------------------------------------
// People and their onboarding

export interface PersonOnboarding {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  departmentId: string | null;
  department: string | null;
  status: "invited" | "active";
  joinedAt: number;
  guidelinesDone: boolean;
  /** Required workshop ids completed. */
  workshopsDone: string[];
  ambassador: boolean;
  state: OnboardingState;
  dueAt: number | null;
  lastRemindedAt: number | null;
}

/** Every person in the filter with where they stand (a fixed number of queries, whatever the number of people). */
export async function onboardingPeople(
  db: DB,
  filter: DashboardFilter,
  now = Date.now(),
): Promise<{ people: PersonOnboarding[]; workshops: { id: string; slug: string; titles: Partial<Record<Locale, string>> }[] }> {
  const timeZone = await getOrganisationTimeZone(db);
  let query = db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .leftJoin("departments as d", "d.id", "u.department_id")
    .select(["u.id", "u.name", "u.email", "u.locale", "u.status", "u.created_at", "u.department_id", "d.name as department"])
    .where("u.status", "in", ["invited", "active"]);
  if (filter.department === "none") query = query.where("u.department_id", "is", null);
  else if (filter.department) query = query.where("u.department_id", "=", filter.department);
  const from = filter.from ? parseLocalDate(filter.from, timeZone) : null;
  const to = filter.to ? parseLocalDate(filter.to, timeZone, 1) : null;
  if (from !== null) query = query.where("u.created_at", ">=", from);
  if (to !== null) query = query.where("u.created_at", "<", to);
  const [rows, required, requiredGuidelines, acks, completions, started, reminders] = await Promise.all([
    query.execute(),
    requiredWorkshops(db),
    db
      .selectFrom("guideline_documents as g")
      .innerJoin("guideline_versions as v", (join) => join.onRef("v.document_id", "=", "g.id").on("v.status", "=", "published"))
      .select("v.id")
      .where("g.required", "=", 1)
      .execute(),
    db
      .selectFrom("guideline_acknowledgements as a")
      .innerJoin("guideline_versions as v", (join) => join.onRef("v.id", "=", "a.version_id").on("v.status", "=", "published"))
      .innerJoin("guideline_documents as g", (join) => join.onRef("g.id", "=", "v.document_id").on("g.required", "=", 1))
      .select((eb) => ["a.user_id", eb.fn.countAll<number>().as("n")])
      .groupBy("a.user_id")
      .execute(),
    db.selectFrom("workshop_completions").select(["user_id", "workshop_id"]).execute(),
    db
      .selectFrom("guideline_acknowledgements")
      .select("user_id")
      .union(db.selectFrom("workshop_lesson_progress").select("user_id"))
      .union(db.selectFrom("workshop_quiz_attempts").select("user_id"))
      .union(db.selectFrom("workshop_completions").select("user_id"))
      .union(db.selectFrom("workshop_registrations").select("user_id"))
      .execute(),
    db
      .selectFrom("onboarding_reminders")
      .select((eb) => ["user_id", eb.fn.max("sent_at").as("at")])
      .groupBy("user_id")
      .execute(),
  ]);
  const requiredIds = new Set(required.map((w) => w.id));
  const acked = new Map(acks.map((a) => [a.user_id, Number(a.n)]));
  const done = new Map<string, string[]>();
  for (const c of completions) if (requiredIds.has(c.workshop_id)) done.set(c.user_id, [...(done.get(c.user_id) ?? []), c.workshop_id]);
  const startedIds = new Set(started.map((s) => s.user_id));
  const reminded = new Map(reminders.map((r) => [r.user_id, Number(r.at)]));
  const byName = new Intl.Collator("es", { sensitivity: "base" });
  const people = rows
    .map((row): PersonOnboarding => {
      const guidelinesDone = (acked.get(row.id) ?? 0) >= requiredGuidelines.length;
      const workshopsDone = done.get(row.id) ?? [];
      const pending = required.filter((w) => !workshopsDone.includes(w.id)).map((w) => w.id);
      const ambassador = guidelinesDone && pending.length === 0;
      const dueAt = onboardingDueAt(row.created_at, required, pending, timeZone);
      return {
        id: row.id,
        name: row.name,
        email: row.email,
        locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
        departmentId: row.department_id,
        department: row.department,
        status: row.status === "active" ? "active" : "invited",
        joinedAt: row.created_at,
        guidelinesDone,
        workshopsDone,
        ambassador,
        state: onboardingState({ complete: ambassador, started: startedIds.has(row.id), dueAt, now }),
        dueAt,
        lastRemindedAt: reminded.get(row.id) ?? null,
      };
    })
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return { people, workshops: required.map((w) => ({ id: w.id, slug: w.slug, titles: w.titles })) };
}

export interface FunnelRow {
  departmentId: string | null;
  department: string | null;
  invited: number;
  activated: number;
  guidelines: number;
  /** Per required workshop, in the order of `workshops`. */
  workshops: number[];
  ambassadors: number;
  overdue: number;
}

/** The funnel per department (by name, "no department" last) and in total. */
export function funnel(people: PersonOnboarding[], workshopIds: string[]): { rows: FunnelRow[]; total: FunnelRow } {
  const empty = (departmentId: string | null, department: string | null): FunnelRow => ({
    departmentId,
    department,
    invited: 0,
    activated: 0,
    guidelines: 0,
    workshops: workshopIds.map(() => 0),
    ambassadors: 0,
    overdue: 0,
  });
  const total = empty(null, null);
  const byDepartment = new Map<string, FunnelRow>();
  for (const p of people) {
    const key = p.departmentId ?? "";
    const row = byDepartment.get(key) ?? empty(p.departmentId, p.department);
    byDepartment.set(key, row);
    for (const r of [row, total]) {
      r.invited++;
      if (p.status === "active") r.activated++;
      if (p.guidelinesDone) r.guidelines++;
      workshopIds.forEach((id, i) => {
        if (p.workshopsDone.includes(id)) r.workshops[i]++;
      });
      if (p.ambassador) r.ambassadors++;
      if (p.state === "overdue" && p.status === "active") r.overdue++;
    }
  }
  const rows = [...byDepartment.values()].sort((a, b) =>
    a.department === null ? 1 : b.department === null ? -1 : a.department.localeCompare(b.department, "es"),
  );
  return { rows, total };
}

/** The dashboard's data: funnel, overdue people, the required workshops' titles. */
export async function onboardingDashboard(db: DB, filter: DashboardFilter, language: Locale, now = Date.now()) {
  const { people, workshops } = await onboardingPeople(db, filter, now);
  const { rows, total } = funnel(
    people,
    workshops.map((w) => w.id),
  );
  return {
    workshops: workshops.map((w) => ({ id: w.id, slug: w.slug, title: pickLanguage(w.titles, language)?.text ?? w.slug })),
    rows,
    total,
    overdue: people.filter((p) => p.state === "overdue" && p.status === "active"),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** One row per person; cells a spreadsheet would run as a formula get a leading '. */
export function onboardingCsv(
  people: PersonOnboarding[],
  workshops: { id: string; title: string }[],
  t: TFunction,
  timeZone: string,
): string {
  const date = (at: number | null) => (at === null ? "" : toLocalDateInput(at, timeZone));
  const yes = (v: boolean) => t(v ? "onboarding.csv.yes" : "onboarding.csv.no");
  const header = [
    t("onboarding.csv.name"),
    t("onboarding.csv.email"),
    t("onboarding.csv.department"),
    t("onboarding.csv.joined"),
    t("onboarding.csv.activated"),
    t("onboarding.csv.guidelines"),
    ...workshops.map((w) => w.title),
    t("onboarding.csv.ambassador"),
    t("onboarding.csv.state"),
    t("onboarding.csv.dueAt"),
    t("onboarding.csv.lastReminded"),
  ];
  const data = people.map((p) => [
    p.name,
    p.email,
    p.department ?? "",
    date(p.joinedAt),
    yes(p.status === "active"),
    yes(p.guidelinesDone),
    ...workshops.map((w) => yes(p.workshopsDone.includes(w.id))),
    yes(p.ambassador),
    t(`onboarding.states.${p.state}`),
    date(p.dueAt === null ? null : p.dueAt - 1),
    date(p.lastRemindedAt),
  ]);
  return Papa.unparse({ fields: header, data }, { escapeFormulae: true });
}

// ---------------------------------------------------------------------------------------------
// Reminders

export async function getReminderIntervalDays(db: DB): Promise<number> {
  const days = await getNumberSetting(db, REMINDER_INTERVAL_KEY, DEFAULT_REMINDER_DAYS);
  return Number.isInteger(days) && days >= MIN_REMINDER_DAYS && days <= MAX_REMINDER_DAYS ? days : DEFAULT_REMINDER_DAYS;
}

export async function setReminderIntervalDays(db: DB, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < MIN_REMINDER_DAYS || days > MAX_REMINDER_DAYS)
    throw new Error(`reminder interval out of range: ${days}`);
  await setSetting(db, REMINDER_INTERVAL_KEY, String(days));
}

export interface ReminderResult {
  sent: number;
  /** Overdue people skipped because they were reminded within the interval. */
  skipped: number;
}

/**
 * Mails every overdue, active person in the filter what they still have to do, in their language. A
 * person reminded within the interval is skipped; choosing and recording the recipients is one
 * serializable transaction, so two HR people pressing the button at once send one round of mail.
 */
export async function sendOnboardingReminders(
  db: DB,
  input: { filter: DashboardFilter; actorId: string | null; origin: string; now?: number },
): Promise<ReminderResult> {
  const now = input.now ?? Date.now();
  const claimed = await serializableTransaction(db, async (trx) => {
    const intervalDays = await getReminderIntervalDays(trx);
    const { people, workshops } = await onboardingPeople(trx, input.filter, now);
    const overdue = people.filter((p) => p.state === "overdue" && p.status === "active");
    const due = overdue.filter((p) => p.lastRemindedAt === null || p.lastRemindedAt + intervalDays * DAY <= now);
    if (due.length) {
      await trx
        .insertInto("onboarding_reminders")
        .values(due.map((p) => ({ id: newId(), user_id: p.id, sent_by: input.actorId, sent_at: now })))
        .execute();
    }
    return { due, skipped: overdue.length - due.length, workshops };
  });
  for (const person of claimed.due) {
    const t = getFixedT(person.locale);
    const pendingWorkshops = claimed.workshops.filter((w) => !person.workshopsDone.includes(w.id));
    const items = [
      ...(person.guidelinesDone ? [] : [{ text: t("onboarding.mail.guidelines"), link: `${input.origin}/guidelines` }]),
      ...pendingWorkshops.map((w) => ({
        text: pickLanguage(w.titles, person.locale)?.text ?? w.slug,
        link: `${input.origin}/workshops/${w.slug}`,
      })),
    ];
    const intro = [t("onboarding.mail.greeting", { name: person.name }), t("onboarding.mail.body")];
    const cta = t("onboarding.mail.cta");
    await sendMail(db, {
      to: person.email,
      subject: t("onboarding.mail.subject"),
      text: `${intro.join("\n\n")}\n\n${items.map((i) => `- ${i.text}: ${i.link}`).join("\n")}\n\n${cta}: ${input.origin}/workshops`,
      html: `${intro.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}<ul>${items
        .map((i) => `<li><a href="${escapeHtml(i.link)}">${escapeHtml(i.text)}</a></li>`)
        .join("")}</ul><p><a href="${escapeHtml(`${input.origin}/workshops`)}">${escapeHtml(cta)}</a></p>`,
    });
  }
  return { sent: claimed.due.length, skipped: claimed.skipped };
}
