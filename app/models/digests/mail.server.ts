import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";
import { escapeHtml, type Mail } from "~/utils/mail.server";
import { SHARE_NETWORKS } from "~/models/core/networks";
import { unsubscribeToken } from "./unsubscribe.server";

export interface DigestEntry {
  id: string;
  title: string;
  imageUrl: string | null;
  suggested: string | null;
}

/** The digest's items still visible at sending time, in the order they were queued, with their first suggested text. */
export async function loadDigestEntries(db: DB, itemIds: string[], now: number): Promise<DigestEntry[]> {
  if (itemIds.length === 0) return [];
  const [items, texts] = await Promise.all([
    db
      .selectFrom("content_items")
      .select(["id", "title", "image_url"])
      .where("id", "in", itemIds)
      .where("status", "in", ["approved", "published"])
      .where("publish_at", "<=", now)
      .where((eb) => eb.or([eb("expire_at", "is", null), eb("expire_at", ">", now)]))
      .execute(),
    db.selectFrom("content_share_texts").select(["item_id", "network", "text"]).where("item_id", "in", itemIds).execute(),
  ]);
  const byId = new Map(items.map((i) => [i.id, i]));
  return itemIds.flatMap((id) => {
    const item = byId.get(id);
    if (!item) return [];
    const own = texts.filter((t) => t.item_id === id);
    const suggested = SHARE_NETWORKS.map((n) => own.find((t) => t.network === n)).find(Boolean)?.text ?? null;
    return [{ id, title: item.title, imageUrl: item.image_url, suggested }];
  });
}

/** The share dialog for an item, entered from the digest (so the share is attributed to it). */
export const digestShareUrl = (origin: string, itemId: string) => `${origin}/feed/${encodeURIComponent(itemId)}?via=digest#share`;

const safeImage = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/** The mail: one block per item (image, title, suggested text, share button), no tracking of any kind, one-click unsubscribe. */
export function renderDigestMail(
  person: { id: string; email: string; name: string; locale: string | null },
  entries: DigestEntry[],
  origin: string,
): Mail {
  const locale: Locale = isLocale(person.locale) ? person.locale : DEFAULT_LOCALE;
  const t = getFixedT(locale);
  const unsubscribe = `${origin}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(person.id))}`;
  const subject = t("notifications.digest.subject", { count: entries.length });
  const textBlocks = entries.map((e) =>
    [e.title, e.suggested ? `“${e.suggested}”` : "", `${t("notifications.digest.share")}: ${digestShareUrl(origin, e.id)}`]
      .filter(Boolean)
      .join("\n"),
  );
  const htmlBlocks = entries.map((e) => {
    const image = safeImage(e.imageUrl);
    return `<div style="margin:0 0 24px">${image ? `<img src="${escapeHtml(image)}" alt="" width="560" style="max-width:100%;height:auto">` : ""}<h2 style="font-size:18px">${escapeHtml(e.title)}</h2>${
      e.suggested ? `<p style="white-space:pre-line">${escapeHtml(e.suggested)}</p>` : ""
    }<p><a href="${escapeHtml(digestShareUrl(origin, e.id))}" style="display:inline-block;padding:10px 16px;background:#0b57d0;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(t("notifications.digest.share"))}</a></p></div>`;
  });
  const intro = [t("notifications.digest.greeting", { name: person.name }), t("notifications.digest.intro", { count: entries.length })];
  const footer = t("notifications.digest.footer");
  return {
    to: person.email,
    subject,
    text: `${intro.join("\n\n")}\n\n${textBlocks.join("\n\n")}\n\n${footer}\n${t("notifications.digest.settings")}: ${origin}/settings\n${t("notifications.digest.unsubscribe")}: ${unsubscribe}`,
    html: `${intro.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}${htmlBlocks.join("")}<hr><p style="font-size:12px">${escapeHtml(footer)} <a href="${escapeHtml(`${origin}/settings`)}">${escapeHtml(t("notifications.digest.settings"))}</a> · <a href="${escapeHtml(unsubscribe)}">${escapeHtml(t("notifications.digest.unsubscribe"))}</a></p>`,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
