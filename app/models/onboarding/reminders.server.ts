/** Reminders to overdue people from the HR onboarding dashboard, each person at most once per interval. */
import { newId } from "~/utils/crypto.server";
import { serializableTransaction, type DB } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import { pickLanguage } from "~/models/core/locale";
import { getNumberSetting, setSetting } from "~/models/core/settings.server";
import { onboardingPeople, type DashboardFilter } from "./dashboard.server";
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, MIN_REMINDER_DAYS } from "./schema";

const DAY = 24 * 60 * 60 * 1000;
export const REMINDER_INTERVAL_KEY = "onboarding.reminderIntervalDays";

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
    const { people: overdue, workshops } = await onboardingPeople(trx, input.filter, now, { overdue: true });
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
