/**
 * A round of reminder mail, as guideline coverage and the onboarding dashboard send them: the recipients
 * are chosen and recorded in one serializable transaction (so two people pressing the button at once send
 * one round), then each is mailed in their own language. The interval between rounds is a setting.
 */
import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { serializableTransaction, type DB } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import { getNumberSetting, setSetting } from "./settings.server";

export interface ReminderRecipient {
  name: string;
  email: string;
  locale: Locale;
}

export interface ReminderMail {
  subject: string;
  paragraphs: string[];
  /** Links listed after the paragraphs; absent, no list. */
  items?: { text: string; link: string }[];
  cta: { text: string; link: string };
}

/** What a claim that sends nothing returns instead of its recipients. */
export interface Refused<F> {
  refused: F;
}

const isRefused = <F>(claim: object): claim is Refused<F> => "refused" in claim;

type Claim = { recipients: ReminderRecipient[] };
type Compose<C extends Claim> = (recipient: C["recipients"][number], t: TFunction, claimed: C) => ReminderMail;

/**
 * Runs `claim` in a serializable transaction (it chooses the recipients and records that they were
 * reminded, or refuses), then mails each recipient what `compose` writes in their language.
 */
export function sendReminderRound<C extends Claim>(db: DB, claim: (trx: DB) => Promise<C>, compose: Compose<C>): Promise<C>;
export function sendReminderRound<C extends Claim, F>(
  db: DB,
  claim: (trx: DB) => Promise<C | Refused<F>>,
  compose: Compose<C>,
): Promise<C | Refused<F>>;
export async function sendReminderRound<C extends Claim, F>(
  db: DB,
  claim: (trx: DB) => Promise<C | Refused<F>>,
  compose: Compose<C>,
): Promise<C | Refused<F>> {
  const claimed = await serializableTransaction(db, claim);
  if (isRefused<F>(claimed)) return claimed;
  for (const recipient of claimed.recipients) {
    const mail = compose(recipient, getFixedT(recipient.locale), claimed);
    await sendMail(db, { to: recipient.email, ...renderReminderMail(mail) });
  }
  return claimed;
}

function renderReminderMail(mail: ReminderMail) {
  const text = [
    mail.paragraphs.join("\n\n"),
    ...(mail.items ? [mail.items.map((i) => `- ${i.text}: ${i.link}`).join("\n")] : []),
    `${mail.cta.text}: ${mail.cta.link}`,
  ].join("\n\n");
  const list = mail.items
    ? `<ul>${mail.items.map((i) => `<li><a href="${escapeHtml(i.link)}">${escapeHtml(i.text)}</a></li>`).join("")}</ul>`
    : "";
  const html = `${mail.paragraphs.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}${list}<p><a href="${escapeHtml(mail.cta.link)}">${escapeHtml(mail.cta.text)}</a></p>`;
  return { subject: mail.subject, text, html };
}

/** The setting holding how many days must pass between two rounds; out-of-range values read as the default. */
export function reminderIntervalSetting(key: string, range: { min: number; default: number; max: number }) {
  const inRange = (days: number) => Number.isInteger(days) && days >= range.min && days <= range.max;
  return {
    async get(db: DB): Promise<number> {
      const days = await getNumberSetting(db, key, range.default);
      return inRange(days) ? days : range.default;
    },
    async set(db: DB, days: number): Promise<void> {
      if (!inRange(days)) throw new Error(`reminder interval out of range: ${days}`);
      await setSetting(db, key, String(days));
    },
  };
}
