import type { Locale } from "#db/schema";
import { createDocument } from "~/models/guidelines/documents.server";
import { insertVersion, saveDraftText } from "~/models/guidelines/versions.server";
import { publishDraft } from "~/models/guidelines/publish.server";
import type { GuidelineRule, GuidelineText } from "~/models/guidelines/schema";
import { db } from "~/utils/db.server";

let counter = 0;
export const uniqueSlug = (base = "guia") => `${base}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

export function rules(n: number, prefix = "Regla"): GuidelineRule[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `${prefix} ${i + 1}`,
    body: `Explicación de la ${prefix.toLowerCase()} ${i + 1}.`,
    do: [`Hacer ${i + 1}`],
    dont: [`No hacer ${i + 1}`],
  }));
}

export function sampleText(overrides: Partial<GuidelineText> = {}, language: Locale = "es"): GuidelineText {
  return {
    title: language === "es" ? "Decálogo de prueba" : "Test decalogue",
    introduction: language === "es" ? "Una introducción con **negrita**." : "An introduction in **bold**.",
    rules: rules(10, language === "es" ? "Regla" : "Rule"),
    ...overrides,
  };
}

/** A document with version 1 published (or a draft) holding the given texts. */
export async function createGuideline(
  options: { slug?: string; required?: boolean; texts?: Partial<Record<Locale, GuidelineText>>; publish?: boolean; now?: number } = {},
): Promise<{ documentId: string; slug: string; versionId: string; version: number }> {
  const slug = options.slug ?? uniqueSlug();
  const now = options.now ?? Date.now();
  const created = await createDocument(db, { slug, required: options.required ?? true, actorId: null, now });
  if (!created.ok) throw new Error(`slug ${slug} taken`);
  const texts = options.texts ?? { es: sampleText(), en: sampleText({}, "en") };
  const version = await db.transaction().execute((trx) =>
    insertVersion(trx, {
      documentId: created.id,
      texts,
      status: options.publish === false ? "draft" : "published",
      source: "editor",
      actorId: null,
      now,
    }),
  );
  return { documentId: created.id, slug, versionId: version.id, version: version.version };
}

/**
 * Saves `text` (Spanish) into a new draft and publishes it, declaring the other languages unchanged unless told
 * otherwise; returns the new version's id and number.
 */
export async function publishNewVersion(
  documentId: string,
  text: GuidelineText,
  now = Date.now(),
  unchangedLanguages: Locale[] = ["en"],
): Promise<{ versionId: string; version: number }> {
  const saved = await saveDraftText(db, { documentId, language: "es", text, actorId: null, now });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const published = await publishDraft(db, { documentId, actorId: null, now, unchangedLanguages });
  if (!published.ok) throw new Error(published.error);
  return { versionId: published.versionId, version: published.version };
}

export async function textHashOf(versionId: string, language: Locale): Promise<string> {
  const row = await db
    .selectFrom("guideline_version_texts")
    .select("text_hash")
    .where("version_id", "=", versionId)
    .where("language", "=", language)
    .executeTakeFirstOrThrow();
  return row.text_hash;
}

export async function countAcknowledgements(userId?: string): Promise<number> {
  let query = db.selectFrom("guideline_acknowledgements").select((eb) => eb.fn.countAll<number>().as("n"));
  if (userId) query = query.where("user_id", "=", userId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
