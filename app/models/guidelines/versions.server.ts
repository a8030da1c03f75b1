/**
 * Guideline drafts: a new version (from the library sync, or started by an editor from the published
 * one), saving one language's text into the draft, discarding it, and what the editor's form starts
 * from. Published versions are never changed. The version rows follow ~/models/core/versions.server.
 */
import { LOCALES, type Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import type { DB } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import {
  GUIDELINE_VERSIONS,
  discardDraft as discardVersionDraft,
  nextVersionNumber,
  retryingUnique,
  supersedePublished,
} from "~/models/core/versions.server";
import type { GuidelineText } from "./schema";
import { canonicalText, hashContent, hashText, serialiseRules, textProblems, problemErrors, type TextsByLanguage } from "./text.server";
import { getVersionWithStatus, loadTexts, toTexts } from "./documents.server";
import { rebuildOnboardingProgress } from "~/models/onboarding/progress.server";

async function insertTexts(trx: DB, versionId: string, texts: TextsByLanguage) {
  for (const language of LOCALES) {
    const text = texts[language];
    if (!text) continue;
    const c = canonicalText(text);
    await trx
      .insertInto("guideline_version_texts")
      .values({
        version_id: versionId,
        language,
        title: c.title,
        introduction_md: c.introduction,
        rules_json: serialiseRules(c.rules),
        text_hash: hashText(c),
      })
      .execute();
  }
}

/**
 * A new version with these texts: "draft", or "published" (superseding the current one). Used by the
 * library sync; editors go through saveDraftText and publishDraft. Call inside a transaction.
 */
export async function insertVersion(
  trx: DB,
  input: {
    documentId: string;
    texts: TextsByLanguage;
    status: "draft" | "published";
    source: "sync" | "editor";
    actorId: string | null;
    now: number;
  },
): Promise<{ id: string; version: number }> {
  const version = await nextVersionNumber(trx, GUIDELINE_VERSIONS, input.documentId);
  if (input.status === "published") await supersedePublished(trx, GUIDELINE_VERSIONS, input.documentId, input.now);
  const id = newId();
  await trx
    .insertInto("guideline_versions")
    .values({
      id,
      document_id: input.documentId,
      version,
      status: input.status,
      content_hash: hashContent(input.texts),
      source: input.source,
      change_note: null,
      created_by: input.actorId,
      created_at: input.now,
      updated_by: input.actorId,
      updated_at: input.now,
      published_by: input.status === "published" ? input.actorId : null,
      published_at: input.status === "published" ? input.now : null,
      superseded_at: null,
    })
    .execute();
  await insertTexts(trx, id, input.texts);
  if (input.status === "published") await rebuildOnboardingProgress(trx);
  return { id, version };
}

/** Replaces a draft's texts (every language given; languages left out are removed). */
export async function replaceDraftTexts(
  trx: DB,
  versionId: string,
  texts: TextsByLanguage,
  source: "sync" | "editor",
  actorId: string | null,
  now: number,
) {
  await trx.deleteFrom("guideline_version_texts").where("version_id", "=", versionId).execute();
  await insertTexts(trx, versionId, texts);
  await trx
    .updateTable("guideline_versions")
    .set({ content_hash: hashContent(texts), source, updated_by: actorId, updated_at: now })
    .where("id", "=", versionId)
    .where("status", "=", "draft")
    .execute();
}

export type SaveDraftResult = { ok: true; versionId: string; version: number; created: boolean } | { ok: false; errors: FieldErrors };

/**
 * Saves one language's text into the document's draft, starting a draft from the published version
 * (with its other languages) when there is none. Published versions are never changed.
 */
export async function saveDraftText(
  db: DB,
  input: { documentId: string; language: Locale; text: GuidelineText; actorId: string | null; now?: number },
): Promise<SaveDraftResult> {
  const problems = textProblems(input.text);
  if (Object.keys(problems).length) return { ok: false, errors: problemErrors(problems) };
  const now = input.now ?? Date.now();
  return retryingUnique(db, (trx) => saveDraftTextOnce(trx, input, now));
}

async function saveDraftTextOnce(
  trx: DB,
  input: { documentId: string; language: Locale; text: GuidelineText; actorId: string | null },
  now: number,
): Promise<SaveDraftResult> {
  const draft = await getVersionWithStatus(trx, input.documentId, "draft");
  if (draft) {
    const texts = toTexts((await loadTexts(trx, [draft.id])).get(draft.id));
    texts[input.language] = input.text;
    await replaceDraftTexts(trx, draft.id, texts, "editor", input.actorId, now);
    return { ok: true, versionId: draft.id, version: draft.version, created: false } as const;
  }
  const published = await getVersionWithStatus(trx, input.documentId, "published");
  const texts = published ? toTexts((await loadTexts(trx, [published.id])).get(published.id)) : {};
  texts[input.language] = input.text;
  const created = await insertVersion(trx, {
    documentId: input.documentId,
    texts,
    status: "draft",
    source: "editor",
    actorId: input.actorId,
    now,
  });
  return { ok: true, versionId: created.id, version: created.version, created: true } as const;
}

export const discardDraft = (db: DB, documentId: string): Promise<boolean> => discardVersionDraft(db, GUIDELINE_VERSIONS, documentId);

/**
 * What the editor's form starts from for one language: the draft's text, else the published version's
 * (saving then starts a new draft), and the other language's text as a reference for translators.
 */
export async function editorStartingPoint(db: DB, documentId: string, language: Locale) {
  const [draft, published] = await Promise.all([
    getVersionWithStatus(db, documentId, "draft"),
    getVersionWithStatus(db, documentId, "published"),
  ]);
  const source = draft ?? published;
  const texts = source ? ((await loadTexts(db, [source.id])).get(source.id) ?? {}) : {};
  const referenceLanguage = LOCALES.find((l) => l !== language && texts[l]) ?? null;
  return {
    draftVersion: draft?.version ?? null,
    basedOn: draft ? null : (published?.version ?? null),
    text: texts[language] ?? null,
    reference: referenceLanguage ? (texts[referenceLanguage] ?? null) : null,
    referenceLanguage,
  };
}
