/**
 * Guideline documents (e.g. the social media decálogo): reading a document, its versions and their
 * texts in Spanish and English; creating, flagging as required and deleting documents. Drafts are
 * written in ./versions.server and published in ./publish.server; acknowledgements in
 * ./acknowledgements.server (`pendingRequiredGuidelines`, `hasAcknowledgedAllRequired`: may a person share yet).
 */
import { LOCALES, type Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { isLocale } from "~/utils/i18n";
import { rebuildOnboardingProgress } from "~/models/onboarding/progress.server";
import type { GuidelineText } from "./schema";
import { parseRules, type TextsByLanguage } from "./text.server";

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
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("guideline_documents")
      .set({ required: required ? 1 : 0, updated_at: now })
      .where("id", "=", documentId)
      .execute();
    await rebuildOnboardingProgress(trx);
  });
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

export const toTexts = (stored: Partial<Record<Locale, StoredText>> | undefined): TextsByLanguage =>
  Object.fromEntries(
    Object.entries(stored ?? {}).map(([language, t]) => [language, { title: t.title, introduction: t.introduction, rules: t.rules }]),
  );
