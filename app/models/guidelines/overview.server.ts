/** The list of every guideline document the managers see: current version, draft and acknowledgement coverage. */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { pickLanguage } from "~/models/core/locale";
import { percent } from "./coverage.server";
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

/** Every document with its current version, its draft and how many employees acknowledged the current version. */
export async function documentsOverview(db: DB, language: Locale) {
  const documents = await listDocuments(db);
  const versions = await currentAndDraftVersions(
    db,
    documents.map((d) => d.id),
  );
  const published = versions.filter((v) => v.status === "published");
  const [texts, total, counts] = await Promise.all([
    loadTexts(
      db,
      versions.map((v) => v.id),
    ),
    countActiveEmployees(db),
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
    const acknowledged = current ? (counts.get(current.id) ?? 0) : 0;
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
