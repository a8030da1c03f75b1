/**
 * Onboarding: a person is a certified ambassador once they have acknowledged the current version of
 * every guideline required of them and completed every (published) workshop required of them (a required
 * one is required of everyone unless its audience names departments or cohorts: audience.server.ts).
 *
 * For other features: `isOnboarded(db, userId)` is the cheap yes/no (two indexed queries), e.g. to
 * refuse a share; `getOnboardingStatus` says what is missing and by when.
 *
 * Due dates: a required workshop is due `due_days` days after the person joined (users.created_at),
 * to the end of that local day in the organisation's time zone. The onboarding as a whole is due when
 * its pending workshops are (the earliest of them); when only guidelines are missing, it is due by the
 * latest required workshop's date. With no required workshop that has a due period there is no due date.
 */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/utils/i18n";
import { formatDateTime } from "~/models/core/dates";
import { hasAcknowledgedAllRequired, pendingRequiredGuidelines, type PendingGuideline } from "~/models/guidelines/acknowledgements.server";
import { pickLanguage } from "~/models/core/locale";
import { dueDateAfter, onboardingDueAt, onboardingState, requiredWorkshops, type OnboardingState } from "./due-dates.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { personRefs, personSql, requiredOfSql } from "./audience.server";

export { dueDateAfter, onboardingDueAt, onboardingState, requiredWorkshops, ONBOARDING_STATES } from "./due-dates.server";
export type { OnboardingState, RequiredWorkshop } from "./due-dates.server";

export interface PendingWorkshop {
  workshopId: string;
  slug: string;
  /** In the requested language when the version has it, else in the default language. */
  title: string;
  /** When this workshop is due for the person (epoch ms), or null when it has no due period. */
  dueAt: number | null;
}

export interface OnboardingStatus {
  state: OnboardingState;
  pendingGuidelines: PendingGuideline[];
  pendingWorkshops: PendingWorkshop[];
  /** When the onboarding is (or was) due, or null when nothing sets a due date. */
  dueAt: number | null;
}

/** Whether the person did anything towards onboarding: acknowledged a guideline, a lesson, a quiz, a session. */
async function hasStarted(db: DB, userId: string): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom("guideline_acknowledgements").select("id").where("user_id", "=", userId)).as("ack"),
      eb.exists(eb.selectFrom("workshop_lesson_progress").select("lesson_number").where("user_id", "=", userId)).as("lesson"),
      eb.exists(eb.selectFrom("workshop_quiz_attempts").select("id").where("user_id", "=", userId)).as("quiz"),
      eb.exists(eb.selectFrom("workshop_completions").select("workshop_id").where("user_id", "=", userId)).as("done"),
      eb.exists(eb.selectFrom("workshop_registrations").select("session_id").where("user_id", "=", userId)).as("session"),
    ])
    .executeTakeFirstOrThrow();
  return Object.values(row).some((v) => Boolean(Number(v)));
}

/**
 * Where the person stands: pending required guidelines and workshops, the due date and the state.
 * `language` picks the titles (default: the person's saved language).
 */
export async function getOnboardingStatus(db: DB, userId: string, now: number = Date.now(), language?: Locale): Promise<OnboardingStatus> {
  const user = await db.selectFrom("users").select(["created_at", "locale"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return { state: "not_started", pendingGuidelines: [], pendingWorkshops: [], dueAt: null };
  const lang = language ?? (isLocale(user.locale) ? user.locale : DEFAULT_LOCALE);
  const [pendingGuidelines, required, completed, timeZone, started] = await Promise.all([
    pendingRequiredGuidelines(db, userId, lang),
    requiredWorkshops(db, personSql(userId)),
    db.selectFrom("workshop_completions").select("workshop_id").where("user_id", "=", userId).execute(),
    getOrganisationTimeZone(db),
    hasStarted(db, userId),
  ]);
  const done = new Set(completed.map((c) => c.workshop_id));
  const pending = required.filter((w) => !done.has(w.id));
  const pendingWorkshops = pending.map((w) => ({
    workshopId: w.id,
    slug: w.slug,
    title: pickLanguage(w.titles, lang)?.text ?? w.slug,
    dueAt: w.dueDays === null ? null : dueDateAfter(user.created_at, w.dueDays, timeZone),
  }));
  const complete = pendingGuidelines.length === 0 && pendingWorkshops.length === 0;
  const dueAt = onboardingDueAt(
    user.created_at,
    required,
    pending.map((w) => w.id),
    timeZone,
  );
  return { state: onboardingState({ complete, started, dueAt, now }), pendingGuidelines, pendingWorkshops, dueAt };
}

/** Whether the person has completed every required published workshop (one query). */
export async function hasCompletedAllRequiredWorkshops(db: DB, userId: string): Promise<boolean> {
  const missing = await db
    .selectFrom("workshop_versions as v")
    .select("v.workshop_id")
    .where("v.status", "=", "published")
    .where("v.required", "=", 1)
    .where(requiredOfSql("workshop", "v.workshop_id", personSql(userId)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("workshop_completions as c")
            .select("c.workshop_id")
            .where("c.user_id", "=", userId)
            .whereRef("c.workshop_id", "=", "v.workshop_id"),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return !missing;
}

/** Whether the person is a certified ambassador: every required guideline acknowledged and workshop completed. */
export async function isOnboarded(db: DB, userId: string): Promise<boolean> {
  const [guidelines, workshops] = await Promise.all([hasAcknowledgedAllRequired(db, userId), hasCompletedAllRequiredWorkshops(db, userId)]);
  return guidelines && workshops;
}

/**
 * What the onboarding banner and the ambassador badge need, dates formatted for the reader: the
 * pending guidelines and workshops (with their due dates) and whether the person is an ambassador.
 */
export async function onboardingGateData(db: DB, userId: string, language: Locale, now: number = Date.now()) {
  const [status, timeZone] = await Promise.all([getOnboardingStatus(db, userId, now, language), getOrganisationTimeZone(db)]);
  // The due instant is the start of the day after the last day: show that last day.
  const lastDay = (at: number) => formatDateTime(at - 1, language, timeZone, false);
  return {
    state: status.state,
    ambassador: status.state === "complete",
    dueDate: status.dueAt === null ? null : lastDay(status.dueAt),
    pendingGuidelines: status.pendingGuidelines.map((g) => ({ slug: g.slug, title: g.title, version: g.version })),
    pendingWorkshops: status.pendingWorkshops.map((w) => ({
      slug: w.slug,
      title: w.title,
      due: w.dueAt === null ? null : lastDay(w.dueAt),
      overdue: w.dueAt !== null && now >= w.dueAt,
    })),
  };
}

/**
 * The ids of active people who are certified ambassadors (every required guideline's current version
 * acknowledged and every required published workshop completed), as a subquery for counts in bulk.
 */
export function onboardedPeople(db: DB) {
  return db
    .selectFrom("users as u")
    .select("u.id")
    .where("u.status", "=", "active")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("guideline_documents as d")
            .innerJoin("guideline_versions as v", (join) => join.onRef("v.document_id", "=", "d.id").on("v.status", "=", "published"))
            .select("v.id")
            .where("d.required", "=", 1)
            .where(requiredOfSql("guideline", "d.id", personRefs("u.id", "u.department_id")))
            .where((x) =>
              x.not(
                x.exists(
                  x
                    .selectFrom("guideline_acknowledgements as a")
                    .select("a.id")
                    .whereRef("a.user_id", "=", "u.id")
                    .whereRef("a.version_id", "=", "v.id"),
                ),
              ),
            ),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("workshop_versions as wv")
            .select("wv.workshop_id")
            .where("wv.status", "=", "published")
            .where("wv.required", "=", 1)
            .where(requiredOfSql("workshop", "wv.workshop_id", personRefs("u.id", "u.department_id")))
            .where((x) =>
              x.not(
                x.exists(
                  x
                    .selectFrom("workshop_completions as c")
                    .select("c.workshop_id")
                    .whereRef("c.user_id", "=", "u.id")
                    .whereRef("c.workshop_id", "=", "wv.workshop_id"),
                ),
              ),
            ),
        ),
      ),
    );
}
