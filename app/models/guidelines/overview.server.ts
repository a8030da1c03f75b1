/** The list of every guideline document the managers see: current version, draft and acknowledgement coverage. */
import type { Locale } from "#db/schema";
import { sql } from "kysely";
import type { DB } from "~/utils/db.server";
import { pickLanguage } from "~/models/core/locale";
import { audiencesOf, personRefs, requiredOfSql } from "~/models/onboarding/audience.server";
import { countedFor, percent } from "./coverage.server";
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
 * For the required documents with an audience, how many active employees they are required of (the others
 * count everyone), by document id.
 */
async function audienceTotals(db: DB, documents: { id: string; required: number }[]): Promise<Map<string, number>> {
  const required = documents.filter((d) => d.required === 1).map((d) => d.id);
  const audienced = [...(await audiencesOf(db, "guideline", required)).keys()];
  if (audienced.length === 0) return new Map();
  const rows = await db
    .selectFrom(["guideline_documents as d", "users as u"])
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .where("u.status", "=", "active")
    .where("d.id", "in", audienced)
    .where(requiredOfSql("guideline", "d.id", personRefs("u.id", "u.department_id")))
    .select((eb) => ["d.id", eb.fn.countAll<number>().as("n")])
    .groupBy("d.id")
    .execute();
  const counted = new Map(rows.map((row) => [row.id, Number(row.n)]));
  return new Map(audienced.map((id) => [id, counted.get(id) ?? 0]));
}

/** How many of the active employees counted for each version's document acknowledged it, by version id. */
async function acknowledgementCounts(db: DB, versionIds: string[]): Promise<Map<string, number>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("guideline_acknowledgements as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .where("u.status", "=", "active")
    .where("a.version_id", "in", versionIds)
    .where(countedFor(sql.ref("a.document_id")))
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
  const [texts, everyone, totals, counts] = await Promise.all([
    loadTexts(
      db,
      versions.map((v) => v.id),
    ),
    countActiveEmployees(db),
    audienceTotals(db, documents),
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
    const total = totals.get(d.id) ?? everyone;
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
