/** Reminders to overdue people from the HR onboarding dashboard, each person at most once per interval. */
import type { TFunction } from "i18next";
import { newId } from "~/utils/crypto.server";
import type { DB } from "~/utils/db.server";
import { pickLanguage } from "~/models/core/locale";
import { reminderIntervalSetting, sendReminderRound, type ReminderMail } from "~/models/core/reminder-round.server";
import { onboardingPeople, type DashboardFilter } from "./dashboard.server";
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, MIN_REMINDER_DAYS } from "./schema";

const DAY = 24 * 60 * 60 * 1000;
export const REMINDER_INTERVAL_KEY = "onboarding.reminderIntervalDays";

const interval = reminderIntervalSetting(REMINDER_INTERVAL_KEY, {
  min: MIN_REMINDER_DAYS,
  default: DEFAULT_REMINDER_DAYS,
  max: MAX_REMINDER_DAYS,
});
export const getReminderIntervalDays = interval.get;
export const setReminderIntervalDays = interval.set;

export interface ReminderResult {
  sent: number;
  /** Overdue people skipped because they were reminded within the interval. */
  skipped: number;
}

type OnboardingRound = Awaited<ReturnType<typeof claimOverduePeople>>;

/** The overdue people in the filter not reminded within the interval, recorded as reminded now. */
async function claimOverduePeople(trx: DB, input: { filter: DashboardFilter; actorId: string | null }, now: number) {
  const intervalDays = await getReminderIntervalDays(trx);
  const { people: overdue, workshops } = await onboardingPeople(trx, input.filter, now, { overdue: true });
  const due = overdue.filter((p) => p.lastRemindedAt === null || p.lastRemindedAt + intervalDays * DAY <= now);
  if (due.length) {
    await trx
      .insertInto("onboarding_reminders")
      .values(due.map((p) => ({ id: newId(), user_id: p.id, sent_by: input.actorId, sent_at: now })))
      .execute();
  }
  return { recipients: due, skipped: overdue.length - due.length, workshops };
}

/** What the person still has to do: the guidelines, then each workshop required of them not done, each with its link. */
function onboardingReminderMail(
  person: OnboardingRound["recipients"][number],
  t: TFunction,
  round: OnboardingRound,
  origin: string,
): ReminderMail {
  const pendingWorkshops = round.workshops.filter((w) => person.workshopsRequired.includes(w.id) && !person.workshopsDone.includes(w.id));
  return {
    subject: t("onboarding.mail.subject"),
    paragraphs: [t("onboarding.mail.greeting", { name: person.name }), t("onboarding.mail.body")],
    items: [
      ...(person.guidelinesDone ? [] : [{ text: t("onboarding.mail.guidelines"), link: `${origin}/guidelines` }]),
      ...pendingWorkshops.map((w) => ({
        text: pickLanguage(w.titles, person.locale)?.text ?? w.slug,
        link: `${origin}/workshops/${w.slug}`,
      })),
    ],
    cta: { text: t("onboarding.mail.cta"), link: `${origin}/workshops` },
  };
}

/**
 * Mails every overdue, active person in the filter what they still have to do, in their language. A
 * person reminded within the interval is skipped; two HR people pressing the button at once send one round.
 */
export async function sendOnboardingReminders(
  db: DB,
  input: { filter: DashboardFilter; actorId: string | null; origin: string; now?: number },
): Promise<ReminderResult> {
  const now = input.now ?? Date.now();
  const round = await sendReminderRound(
    db,
    (trx) => claimOverduePeople(trx, input, now),
    (person, t, claimed) => onboardingReminderMail(person, t, claimed, input.origin),
  );
  return { sent: round.recipients.length, skipped: round.skipped };
}
