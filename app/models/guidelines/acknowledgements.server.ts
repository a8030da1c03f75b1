/** Acknowledgements: who accepted which version, in which language, with the hash of the exact text; and the points for it. */
import { type Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/utils/i18n";
import { awardPoints } from "~/models/scoring/points.server";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";
import { personSql, requiredOfSql } from "~/models/onboarding/audience.server";
import { pickLanguage } from "~/models/core/locale";
import { loadTexts } from "./documents.server";

export type AcknowledgeResult =
  | { ok: true; alreadyAcknowledged: boolean; acknowledgedAt: number; points: number }
  | {
      ok: false;
      error: "guidelines.errors.staleVersion" | "guidelines.errors.notPublished" | "guidelines.errors.textMismatch" | "errors.notFound";
    };

/**
 * Records "I have read and accept" for the current version, with the hash of the exact text the person
 * read (in their language). Acknowledging twice changes nothing. A draft or a superseded version cannot
 * be acknowledged. Points are given once per document, not again for later versions.
 */
export async function acknowledgeGuideline(
  db: DB,
  input: { userId: string; versionId: string; language: Locale; textHash: string; documentId?: string; now?: number },
): Promise<AcknowledgeResult> {
  const now = input.now ?? Date.now();
  return inTransaction(db, async (trx) => {
    const version = await trx
      .selectFrom("guideline_versions")
      .select(["id", "document_id", "status"])
      .where("id", "=", input.versionId)
      .executeTakeFirst();
    if (!version || (input.documentId !== undefined && version.document_id !== input.documentId))
      return { ok: false, error: "errors.notFound" } as const;
    if (version.status === "draft") return { ok: false, error: "guidelines.errors.notPublished" } as const;
    if (version.status === "superseded") return { ok: false, error: "guidelines.errors.staleVersion" } as const;
    const text = await trx
      .selectFrom("guideline_version_texts")
      .select("text_hash")
      .where("version_id", "=", version.id)
      .where("language", "=", input.language)
      .executeTakeFirst();
    if (!text || text.text_hash !== input.textHash) return { ok: false, error: "guidelines.errors.textMismatch" } as const;
    const inserted = await trx
      .insertInto("guideline_acknowledgements")
      .values({
        id: newId(),
        user_id: input.userId,
        document_id: version.document_id,
        version_id: version.id,
        language: input.language,
        text_hash: text.text_hash,
        acknowledged_at: now,
      })
      .onConflict((oc) => oc.columns(["user_id", "version_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const existing = await trx
        .selectFrom("guideline_acknowledgements")
        .select("acknowledged_at")
        .where("user_id", "=", input.userId)
        .where("version_id", "=", version.id)
        .executeTakeFirstOrThrow();
      return { ok: true, alreadyAcknowledged: true, acknowledgedAt: existing.acknowledged_at, points: 0 } as const;
    }
    const points = await awardPoints(trx, {
      userId: input.userId,
      action: "guideline_acknowledged",
      referenceType: "guideline_document",
      referenceId: version.document_id,
      at: now,
    });
    await refreshOnboardingProgress(trx, [input.userId]);
    return { ok: true, alreadyAcknowledged: false, acknowledgedAt: now, points } as const;
  });
}

export interface PendingGuideline {
  documentId: string;
  slug: string;
  /** In the requested language when the version has it, else in the default language. */
  title: string;
  versionId: string;
  version: number;
}

/**
 * Required documents whose current (published) version the person has not acknowledged yet, oldest
 * document first. One query. Until this is empty the person may not share.
 */
export async function pendingRequiredGuidelines(db: DB, userId: string, language: Locale = DEFAULT_LOCALE): Promise<PendingGuideline[]> {
  const rows = await db
    .selectFrom("guideline_documents as d")
    .innerJoin("guideline_versions as v", (join) => join.onRef("v.document_id", "=", "d.id").on("v.status", "=", "published"))
    .innerJoin("guideline_version_texts as t", "t.version_id", "v.id")
    .select(["d.id as documentId", "d.slug", "v.id as versionId", "v.version", "t.language", "t.title"])
    .where("d.required", "=", 1)
    .where(requiredOfSql("guideline", "d.id", personSql(userId)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("guideline_acknowledgements as a")
            .select("a.id")
            .where("a.user_id", "=", userId)
            .whereRef("a.version_id", "=", "v.id"),
        ),
      ),
    )
    .orderBy("d.created_at")
    .orderBy("d.slug")
    .execute();
  const byDocument = new Map<string, { base: Omit<PendingGuideline, "title">; titles: Partial<Record<Locale, string>> }>();
  for (const row of rows) {
    const entry = byDocument.get(row.documentId) ?? {
      base: { documentId: row.documentId, slug: row.slug, versionId: row.versionId, version: row.version },
      titles: {},
    };
    if (isLocale(row.language)) entry.titles[row.language] = row.title;
    byDocument.set(row.documentId, entry);
  }
  return [...byDocument.values()].map(({ base, titles }) => ({ ...base, title: pickLanguage(titles, language)?.text ?? base.slug }));
}

/** Whether the person has acknowledged the current version of every required document (one query). */
export async function hasAcknowledgedAllRequired(db: DB, userId: string): Promise<boolean> {
  const missing = await db
    .selectFrom("guideline_documents as d")
    .innerJoin("guideline_versions as v", (join) => join.onRef("v.document_id", "=", "d.id").on("v.status", "=", "published"))
    .select("v.id")
    .where("d.required", "=", 1)
    .where(requiredOfSql("guideline", "d.id", personSql(userId)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("guideline_acknowledgements as a")
            .select("a.id")
            .where("a.user_id", "=", userId)
            .whereRef("a.version_id", "=", "v.id"),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return !missing;
}

export type PersonGuidelineStatus = "acknowledged" | "pending" | "outdated";

/** Every published document with where the person stands: acknowledged, never acknowledged, or an earlier version only. */
export async function listGuidelinesForPerson(db: DB, userId: string, language: Locale) {
  const rows = await db
    .selectFrom("guideline_documents as d")
    .innerJoin("guideline_versions as v", (join) => join.onRef("v.document_id", "=", "d.id").on("v.status", "=", "published"))
    .leftJoin("guideline_acknowledgements as a", (join) => join.onRef("a.version_id", "=", "v.id").on("a.user_id", "=", userId))
    .select((eb) => [
      "d.id as documentId",
      "d.slug",
      "d.required",
      requiredOfSql("guideline", "d.id", personSql(userId)).as("ofMe"),
      "v.id as versionId",
      "v.version",
      "v.published_at",
      "a.acknowledged_at",
      eb
        .selectFrom("guideline_acknowledgements as earlier")
        .select((e) => e.fn.max("earlier.acknowledged_at").as("at"))
        .whereRef("earlier.document_id", "=", "d.id")
        .where("earlier.user_id", "=", userId)
        .as("lastAcknowledgedAt"),
    ])
    .orderBy("d.required", "desc")
    .orderBy("d.created_at")
    .orderBy("d.slug")
    .execute();
  const texts = await loadTexts(
    db,
    rows.map((r) => r.versionId),
  );
  return rows.map((row) => {
    const status: PersonGuidelineStatus =
      row.acknowledged_at !== null ? "acknowledged" : row.lastAcknowledgedAt !== null ? "outdated" : "pending";
    const picked = pickLanguage(texts.get(row.versionId) ?? {}, language);
    return {
      slug: row.slug,
      title: picked?.text.title ?? row.slug,
      required: row.required === 1 && Boolean(Number(row.ofMe)),
      version: row.version,
      publishedAt: row.published_at,
      acknowledgedAt: row.acknowledged_at,
      ruleCount: picked?.text.rules.length ?? 0,
      status,
    };
  });
}

/** The person's acknowledgements of one document's versions, newest version first. */
export async function acknowledgementsOf(db: DB, userId: string, documentId: string) {
  return db
    .selectFrom("guideline_acknowledgements as a")
    .innerJoin("guideline_versions as v", "v.id", "a.version_id")
    .select(["a.version_id", "v.version", "a.language", "a.text_hash", "a.acknowledged_at"])
    .where("a.user_id", "=", userId)
    .where("a.document_id", "=", documentId)
    .orderBy("v.version", "desc")
    .execute();
}
