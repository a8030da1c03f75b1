import type { Locale } from "#db/schema";
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";
import { escapeHtml, type Mail } from "~/utils/mail.server";
import type { DigestEntry } from "~/models/digests/mail.server";
import { unsubscribeToken } from "~/models/digests/unsubscribe.server";

/** The share dialog for an item, entered from an urgent alert (so the share counts for the alert). */
export const alertShareUrl = (origin: string, itemId: string) => `${origin}/feed/${encodeURIComponent(itemId)}?via=alert#share`;

/**
 * The urgent alert: one item, its suggested text and a share button; no tracking. Its one-click
 * unsubscribe stops urgent alert mail only (they then reach the person's bell), never the digest.
 */
export function renderAlertMail(
  person: { id: string; email: string; name: string; locale: string | null },
  entry: DigestEntry,
  origin: string,
): Mail {
  const locale: Locale = isLocale(person.locale) ? person.locale : DEFAULT_LOCALE;
  const t = getFixedT(locale);
  const unsubscribe = `${origin}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(person.id, "alert"))}`;
  const share = alertShareUrl(origin, entry.id);
  const lines = [t("delivery.alert.greeting", { name: person.name }), t("delivery.alert.intro")];
  const suggested = entry.suggested ? `“${entry.suggested}”` : "";
  return {
    to: person.email,
    subject: t("delivery.alert.subject", { title: entry.title }),
    text: [...lines, entry.title, suggested, `${t("delivery.alert.share")}: ${share}`, `${t("delivery.alert.unsubscribe")}: ${unsubscribe}`]
      .filter(Boolean)
      .join("\n\n"),
    html: `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}<h2 style="font-size:18px">${escapeHtml(entry.title)}</h2>${
      suggested ? `<p style="white-space:pre-line">${escapeHtml(entry.suggested ?? "")}</p>` : ""
    }<p><a href="${escapeHtml(share)}" style="display:inline-block;padding:10px 16px;background:#d93025;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(
      t("delivery.alert.share"),
    )}</a></p><hr><p style="font-size:12px"><a href="${escapeHtml(unsubscribe)}">${escapeHtml(t("delivery.alert.unsubscribe"))}</a></p>`,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
