import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { getDocumentBySlug, getVersionWithStatus, loadTexts } from "~/models/guidelines/documents.server";
import { pickLanguage } from "~/models/core/locale";

export const CONVERSATIONS_GUIDELINE = "customer-conversations";

const plain = (markdown: string) => markdown.replace(/[*_`]/g, "");

/** The published customer-conversations guideline's rules, as plain text, shown beside the report form. */
export async function answeringRules(db: DB, language: Locale) {
  const document = await getDocumentBySlug(db, CONVERSATIONS_GUIDELINE);
  const version = document ? await getVersionWithStatus(db, document.id, "published") : undefined;
  if (!document || !version) return null;
  const picked = pickLanguage((await loadTexts(db, [version.id])).get(version.id) ?? {}, language);
  if (!picked) return null;
  return {
    slug: document.slug,
    title: picked.text.title,
    rules: picked.text.rules.map((rule) => ({ title: plain(rule.title), do: rule.do.map(plain), dont: rule.dont.map(plain) })),
  };
}
