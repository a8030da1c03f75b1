/** Who hears about a report: its reporters when care answers or closes it, responders when it is escalated or breaches. */
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import { notifyMany } from "../notifications/notify.server";

type Step = "answered" | "resolved" | "not_actionable" | "escalated" | "breached";

interface Message {
  step: Step;
  reportId: string;
  url: string;
  kind: string;
  answerUrl?: string | null;
  note?: string | null;
  origin: string;
}

async function recipients(db: DB, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("users").select(["id", "email", "name", "locale"]).where("id", "in", ids).where("status", "=", "active").execute();
}

const NOTIFICATION = {
  answered: "report_answered",
  resolved: "report_resolved",
  not_actionable: "report_not_actionable",
  escalated: "report_escalated",
  breached: "report_breached",
} as const;

/** In-app and by mail, each person in their language (every mail also lands in the outbox). `path` is local. */
async function tell(db: DB, userIds: string[], message: Message, path: string): Promise<number> {
  const people = await recipients(db, [...new Set(userIds)]);
  await notifyMany(
    db,
    people.map((p) => p.id),
    { kind: NOTIFICATION[message.step], params: { site: new URL(message.url).hostname }, link: path },
  );
  const link = `${message.origin}${path}`;
  for (const person of people) {
    const t = getFixedT(isLocale(person.locale) ? person.locale : DEFAULT_LOCALE);
    const kind = t(`conversations.kinds.${message.kind}`);
    const lines = [
      t("conversations.mail.greeting", { name: person.name }),
      t(`conversations.mail.${message.step}.body`, { kind, url: message.url }),
      ...(message.note ? [t("conversations.mail.note", { note: message.note })] : []),
      ...(message.answerUrl ? [t("conversations.mail.answer", { url: message.answerUrl })] : []),
      ...(message.step === "answered" || message.step === "resolved" ? [t("conversations.mail.followUp")] : []),
    ];
    const cta = t(`conversations.mail.${message.step}.cta`);
    await sendMail(db, {
      to: person.email,
      subject: t(`conversations.mail.${message.step}.subject`, { kind }),
      text: `${lines.join("\n\n")}\n\n${cta}: ${link}`,
      html: `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(cta)}</a></p>`,
    });
  }
  return people.length;
}

export async function tellReporters(db: DB, message: Message): Promise<number> {
  const reporters = await db.selectFrom("conversation_reporters").select("user_id").where("report_id", "=", message.reportId).execute();
  return tell(
    db,
    reporters.map((r) => r.user_id),
    message,
    `/conversations#report-${message.reportId}`,
  );
}

/** The department's responders; with none (or no department), every active customer-care person. */
export async function tellResponders(db: DB, departmentId: string | null, message: Message): Promise<number> {
  const responders = departmentId
    ? await db.selectFrom("department_responders").select("user_id").where("department_id", "=", departmentId).execute()
    : [];
  const ids = responders.length
    ? responders.map((r) => r.user_id)
    : (await db.selectFrom("user_roles").select("user_id").where("role", "=", "care").execute()).map((r) => r.user_id);
  return tell(db, ids, message, `/care/${message.reportId}`);
}
