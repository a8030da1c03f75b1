/** Reminders to the employees who have not acknowledged a guideline's current version, at most once per interval per document. */
import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/utils/i18n";
import { pickLanguage } from "~/models/core/locale";
import { reminderIntervalSetting, sendReminderRound, type ReminderMail, type Refused } from "~/models/core/reminder-round.server";
import { countedAudience, employeesWithAcknowledgement } from "./coverage.server";
import { loadTexts } from "./documents.server";
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, MIN_REMINDER_DAYS } from "./schema";

export const REMINDER_INTERVAL_KEY = "guideline.reminderIntervalDays";
const DAY = 24 * 60 * 60 * 1000;
const INSERT_BATCH = 500;

const interval = reminderIntervalSetting(REMINDER_INTERVAL_KEY, {
  min: MIN_REMINDER_DAYS,
  default: DEFAULT_REMINDER_DAYS,
  max: MAX_REMINDER_DAYS,
});
export const getReminderIntervalDays = interval.get;
export const setReminderIntervalDays = interval.set;

export async function reminderState(db: DB, documentId: string, now = Date.now()) {
  const [intervalDays, last] = await Promise.all([
    getReminderIntervalDays(db),
    db
      .selectFrom("guideline_reminders")
      .select((eb) => eb.fn.max("sent_at").as("at"))
      .where("document_id", "=", documentId)
      .executeTakeFirst(),
  ]);
  const lastSentAt = last?.at === null || last?.at === undefined ? null : Number(last.at);
  const nextAllowedAt = lastSentAt === null ? null : lastSentAt + intervalDays * DAY;
  return { intervalDays, lastSentAt, nextAllowedAt: nextAllowedAt !== null && nextAllowedAt > now ? nextAllowedAt : null };
}

export type ReminderResult =
  | { ok: true; sent: number }
  | { ok: false; error: "guidelines.errors.reminderTooSoon"; nextAllowedAt: number }
  | { ok: false; error: "guidelines.errors.noPublishedVersion" };

type Refusal = Extract<ReminderResult, { ok: false }>;

interface Recipient {
  id: string;
  name: string;
  email: string;
  locale: Locale;
}

interface ReminderInput {
  documentId: string;
  actorId: string | null;
}

function publishedVersion(db: DB, documentId: string) {
  return db
    .selectFrom("guideline_versions as v")
    .innerJoin("guideline_documents as d", "d.id", "v.document_id")
    .select(["v.id", "v.version", "d.slug", "d.required"])
    .where("v.document_id", "=", documentId)
    .where("v.status", "=", "published")
    .executeTakeFirst();
}

async function pendingRecipients(db: DB, documentId: string, versionId: string): Promise<Recipient[]> {
  const pending = await employeesWithAcknowledgement(db, documentId, versionId, await countedAudience(db, documentId))
    .where("a.id", "is", null)
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
  return pending.map((p) => ({ id: p.id, name: p.name, email: p.email, locale: isLocale(p.locale) ? p.locale : DEFAULT_LOCALE }));
}

async function recordReminders(db: DB, input: ReminderInput, versionId: string, recipients: Recipient[], now: number) {
  for (let i = 0; i < recipients.length; i += INSERT_BATCH) {
    const rows = recipients.slice(i, i + INSERT_BATCH).map((r) => ({
      id: newId(),
      document_id: input.documentId,
      version_id: versionId,
      user_id: r.id,
      sent_by: input.actorId,
      sent_at: now,
    }));
    await db.insertInto("guideline_reminders").values(rows).execute();
  }
}

/** The pending employees of the current version, recorded as reminded now; refused without one or within the interval. */
async function claimPendingEmployees(trx: DB, input: ReminderInput, now: number) {
  const refuse = (refused: Refusal): Refused<Refusal> => ({ refused });
  const version = await publishedVersion(trx, input.documentId);
  if (!version) return refuse({ ok: false, error: "guidelines.errors.noPublishedVersion" });
  const state = await reminderState(trx, input.documentId, now);
  if (state.nextAllowedAt !== null)
    return refuse({ ok: false, error: "guidelines.errors.reminderTooSoon", nextAllowedAt: state.nextAllowedAt });
  const recipients = await pendingRecipients(trx, input.documentId, version.id);
  await recordReminders(trx, input, version.id, recipients, now);
  const texts = (await loadTexts(trx, [version.id])).get(version.id) ?? {};
  return { recipients, version, texts };
}

type GuidelineRound = Exclude<Awaited<ReturnType<typeof claimPendingEmployees>>, Refused<Refusal>>;

function guidelineReminderMail(to: Recipient, t: TFunction, { version, texts }: GuidelineRound, origin: string): ReminderMail {
  const title = pickLanguage(texts, to.locale)?.text.title ?? version.slug;
  return {
    subject: t("guidelines.mail.subject", { title }),
    paragraphs: [
      t("guidelines.mail.greeting", { name: to.name }),
      t(version.required === 1 ? "guidelines.mail.bodyRequired" : "guidelines.mail.body", { title, version: version.version }),
    ],
    cta: { text: t("guidelines.mail.cta"), link: `${origin}/guidelines/${version.slug}` },
  };
}

/**
 * Mails every pending employee a link to the current version, in their language. Refused while the
 * document's last reminder is more recent than the interval; two people pressing the button get one round of mail.
 */
export async function sendGuidelineReminders(db: DB, input: ReminderInput & { origin: string; now?: number }): Promise<ReminderResult> {
  const now = input.now ?? Date.now();
  const round = await sendReminderRound<GuidelineRound, Refusal>(
    db,
    (trx) => claimPendingEmployees(trx, input, now),
    (to, t, claimed) => guidelineReminderMail(to, t, claimed, input.origin),
  );
  if ("refused" in round) return round.refused;
  return { ok: true, sent: round.recipients.length };
}
