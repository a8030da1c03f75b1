/** Mail that keeps legal review moving: reviewers hear about new submissions, authors about decisions. */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import type { UserContentAction } from "./workflow";

interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: Locale;
}

const asRecipient = (row: { id: string; email: string; name: string; locale: string | null }): Recipient => ({
  ...row,
  locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
});

async function mailEach(db: DB, recipients: Recipient[], build: (t: ReturnType<typeof getFixedT>, to: Recipient) => { subject: string; lines: string[]; link: string; cta: string }) {
  for (const to of recipients) {
    const t = getFixedT(to.locale);
    const { subject, lines, link, cta } = build(t, to);
    await sendMail(db, {
      to: to.email,
      subject,
      text: `${lines.join("\n\n")}\n\n${cta}: ${link}`,
      html: `${lines.map((line) => `<p>${escapeHtml(line).replace(/\n/g, "<br>")}</p>`).join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(cta)}</a></p>`,
    });
  }
}

/**
 * Tells the right people about a workflow step: a submission goes to every active reviewer but the
 * submitter; an approval or a request for changes goes to the item's author and last editor.
 */
export async function notifyContentStep(db: DB, step: { itemId: string; action: UserContentAction; actorId: string; comment?: string | null; origin: string }): Promise<number> {
  const item = await db.selectFrom("content_items").select(["id", "title", "created_by", "updated_by"]).where("id", "=", step.itemId).executeTakeFirst();
  if (!item) return 0;
  if (step.action === "submit") {
    const reviewers = (
      await db
        .selectFrom("users")
        .innerJoin("user_roles", "user_roles.user_id", "users.id")
        .select(["users.id", "users.email", "users.name", "users.locale"])
        .where("user_roles.role", "=", "reviewer")
        .where("users.status", "=", "active")
        .where("users.id", "!=", step.actorId)
        .execute()
    ).map(asRecipient);
    await mailEach(db, reviewers, (t, to) => ({
      subject: t("content.mail.submitted.subject", { title: item.title }),
      lines: [t("content.mail.greeting", { name: to.name }), t("content.mail.submitted.body", { title: item.title })],
      link: `${step.origin}/review/${item.id}`,
      cta: t("content.mail.submitted.cta"),
    }));
    return reviewers.length;
  }
  if (step.action === "approve" || step.action === "request_changes") {
    const ids = [...new Set([item.created_by, item.updated_by].filter((id): id is string => Boolean(id) && id !== step.actorId))];
    if (ids.length === 0) return 0;
    const authors = (await db.selectFrom("users").select(["id", "email", "name", "locale"]).where("id", "in", ids).where("status", "=", "active").execute()).map(asRecipient);
    const kind = step.action === "approve" ? "approved" : "changesRequested";
    await mailEach(db, authors, (t, to) => ({
      subject: t(`content.mail.${kind}.subject`, { title: item.title }),
      lines: [
        t("content.mail.greeting", { name: to.name }),
        t(`content.mail.${kind}.body`, { title: item.title }),
        ...(step.comment ? [t("content.mail.comment", { comment: step.comment })] : []),
      ],
      link: `${step.origin}/manage/content/${item.id}`,
      cta: t("content.mail.openItem"),
    }));
    return authors.length;
  }
  return 0;
}
