/**
 * Guideline documents (e.g. the social media decálogo): versioned texts in Spanish and English,
 * drafts that editors publish, and each person's acknowledgement of the current version.
 *
 * For other features: `pendingRequiredGuidelines` and `hasAcknowledgedAllRequired` say whether a
 * person may share yet (every required document's current version acknowledged).
 */
import { LOCALES, type Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB, isUniqueViolation } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { isLocale } from "~/utils/i18n";
import type { GuidelineText } from "./schema";
import {
  canonicalText,
  hashContent,
  hashText,
  parseRules,
  serialiseRules,
  textProblems,
  problemErrors,
  type TextsByLanguage,
} from "./text.server";

export interface StoredText extends GuidelineText {
  language: Locale;
  hash: string;
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getDocumentBySlug(db: DB, slug: string) {
  return db.selectFrom("guideline_documents").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** Every language's text of the given versions. */
export async function loadTexts(db: DB, versionIds: string[]): Promise<Map<string, Partial<Record<Locale, StoredText>>>> {
  const result = new Map<string, Partial<Record<Locale, StoredText>>>();
  if (versionIds.length === 0) return result;
  const rows = await db.selectFrom("guideline_version_texts").selectAll().where("version_id", "in", versionIds).execute();
  for (const row of rows) {
    if (!isLocale(row.language)) continue;
    const texts = result.get(row.version_id) ?? {};
    texts[row.language] = {
      language: row.language,
      title: row.title,
      introduction: row.introduction_md,
      rules: parseRules(row.rules_json),
      hash: row.text_hash,
    };
    result.set(row.version_id, texts);
  }
  return result;
}

export async function listVersions(db: DB, documentId: string) {
  const versions = await db
    .selectFrom("guideline_versions")
    .select([
      "id",
      "version",
      "status",
      "source",
      "change_note",
      "unchanged_languages",
      "created_at",
      "updated_at",
      "published_at",
      "superseded_at",
    ])
    .where("document_id", "=", documentId)
    .orderBy("version", "desc")
    .execute();
  const languages = versions.length
    ? await db
        .selectFrom("guideline_version_texts")
        .select(["version_id", "language", "title"])
        .where(
          "version_id",
          "in",
          versions.map((v) => v.id),
        )
        .execute()
    : [];
  return versions.map((v) => {
    const own = languages.filter((l) => l.version_id === v.id);
    return {
      ...v,
      languages: LOCALES.filter((l) => own.some((o) => o.language === l)),
      titles: Object.fromEntries(own.map((o) => [o.language, o.title])) as Partial<Record<Locale, string>>,
    };
  });
}

export async function getVersionByNumber(db: DB, documentId: string, version: number) {
  return db
    .selectFrom("guideline_versions")
    .selectAll()
    .where("document_id", "=", documentId)
    .where("version", "=", version)
    .executeTakeFirst();
}

export async function getVersionWithStatus(db: DB, documentId: string, status: "draft" | "published") {
  return db
    .selectFrom("guideline_versions")
    .selectAll()
    .where("document_id", "=", documentId)
    .where("status", "=", status)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Documents

export type CreateDocumentResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

export async function createDocument(
  db: DB,
  input: { slug: string; required: boolean; actorId: string | null; now?: number },
): Promise<CreateDocumentResult> {
  const now = input.now ?? Date.now();
  if (await getDocumentBySlug(db, input.slug)) return { ok: false, errors: { slug: "guidelines.errors.slugTaken" } };
  const id = newId();
  const inserted = await db
    .insertInto("guideline_documents")
    .values({ id, slug: input.slug, required: input.required ? 1 : 0, created_by: input.actorId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("slug").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, errors: { slug: "guidelines.errors.slugTaken" } };
  return { ok: true, id };
}

export async function setDocumentRequired(db: DB, documentId: string, required: boolean, now = Date.now()): Promise<void> {
  await db
    .updateTable("guideline_documents")
    .set({ required: required ? 1 : 0, updated_at: now })
    .where("id", "=", documentId)
    .execute();
}

/** A document that was never published (so nobody acknowledged it) can be deleted outright. */
export async function deleteUnpublishedDocument(db: DB, documentId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  return inTransaction(db, async (trx) => {
    const published = await trx
      .selectFrom("guideline_versions")
      .select("id")
      .where("document_id", "=", documentId)
      .where("status", "!=", "draft")
      .executeTakeFirst();
    if (published) return { ok: false, error: "guidelines.errors.deletePublished" } as const;
    await trx.deleteFrom("guideline_documents").where("id", "=", documentId).execute();
    return { ok: true } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Versions

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
  const last = await trx
    .selectFrom("guideline_versions")
    .select((eb) => eb.fn.max("version").as("n"))
    .where("document_id", "=", input.documentId)
    .executeTakeFirst();
  const version = Number(last?.n ?? 0) + 1;
  if (input.status === "published") {
    await trx
      .updateTable("guideline_versions")
      .set({ status: "superseded", superseded_at: input.now })
      .where("document_id", "=", input.documentId)
      .where("status", "=", "published")
      .execute();
  }
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

export const toTexts = (stored: Partial<Record<Locale, StoredText>> | undefined): TextsByLanguage =>
  Object.fromEntries(
    Object.entries(stored ?? {}).map(([language, t]) => [language, { title: t.title, introduction: t.introduction, rules: t.rules }]),
  );

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
  // Two editors starting the draft at the same moment: the second insert breaks the one-draft index,
  // and running again finds the first one's draft and saves into it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, (trx) => saveDraftTextOnce(trx, input, now));
    } catch (error) {
      if (db.isTransaction || attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
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

export async function discardDraft(db: DB, documentId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("guideline_versions")
    .where("document_id", "=", documentId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

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
