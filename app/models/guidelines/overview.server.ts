/** The list of every guideline document the managers see: current version, draft and acknowledgement coverage. */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { pickLanguage } from "~/models/core/locale";
import { audiencesOf } from "~/models/onboarding/audience.server";
import { audienceCoverage, percent } from "./coverage.server";
import { loadTexts } from "./documents.server";

function listDocuments(db: DB) {
  return db
    .selectFrom("guideline_documents")
    .select(["id", "slug", "required", "created_at"])
    .orderBy("required", "desc")
    .orderBy("created_at")
    .orderBy("slug")
    .execute();
}

/** The draft and published versions of the documents. */
async function currentAndDraftVersions(db: DB, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom("guideline_versions")
    .select(["id", "document_id", "version", "status", "published_at", "updated_at"])
    .where("document_id", "in", documentIds)
    .where("status", "in", ["draft", "published"])
    .execute();
}

async function countActiveEmployees(db: DB): Promise<number> {
  const row = await db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .where("u.status", "=", "active")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * For the current versions of the required documents with an audience, how many active employees they are
 * required of and how many of those acknowledged it, by version id (one query per such document).
 */
async function audienceCoverages(db: DB, documents: { id: string; required: number }[], published: { id: string; document_id: string }[]) {
  const required = documents.filter((d) => d.required === 1).map((d) => d.id);
  const audiences = await audiencesOf(db, "guideline", required);
  const counted = await Promise.all(
    published.flatMap((v) => {
      const audience = audiences.get(v.document_id);
      return audience ? [audienceCoverage(db, v.id, audience).then((coverage) => [v.id, coverage] as const)] : [];
    }),
  );
  return new Map(counted);
}

/** How many active employees acknowledged each of the versions, by version id. */
async function acknowledgementCounts(db: DB, versionIds: string[]): Promise<Map<string, number>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("guideline_acknowledgements as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .where("u.status", "=", "active")
    .where("a.version_id", "in", versionIds)
    .select((eb) => ["a.version_id", eb.fn.countAll<number>().as("n")])
    .groupBy("a.version_id")
    .execute();
  return new Map(rows.map((row) => [row.version_id, Number(row.n)]));
}

/**
 * Every document with its current version, its draft and how many of the employees counted for it (its
 * audience while it is required) acknowledged the current version.
 */
export async function documentsOverview(db: DB, language: Locale) {
  const documents = await listDocuments(db);
  const versions = await currentAndDraftVersions(
    db,
    documents.map((d) => d.id),
  );
  const published = versions.filter((v) => v.status === "published");
  const [texts, everyone, audienced, counts] = await Promise.all([
    loadTexts(
      db,
      versions.map((v) => v.id),
    ),
    countActiveEmployees(db),
    audienceCoverages(db, documents, published),
    acknowledgementCounts(
      db,
      published.map((v) => v.id),
    ),
  ]);
  return documents.map((d) => {
    const current = published.find((v) => v.document_id === d.id) ?? null;
    const draft = versions.find((v) => v.document_id === d.id && v.status === "draft") ?? null;
    const shown = current ?? draft;
    const title = shown ? (pickLanguage(texts.get(shown.id) ?? {}, language)?.text.title ?? d.slug) : d.slug;
    const counted = current ? audienced.get(current.id) : undefined;
    const acknowledged = counted?.acknowledged ?? (current ? (counts.get(current.id) ?? 0) : 0);
    const total = counted?.total ?? everyone;
    return {
      id: d.id,
      slug: d.slug,
      title,
      required: d.required === 1,
      current: current ? { version: current.version, publishedAt: current.published_at } : null,
      draft: draft ? { version: draft.version, updatedAt: draft.updated_at } : null,
      coverage: current ? { acknowledged, total, percent: percent(acknowledged, total) } : null,
    };
  });
}
