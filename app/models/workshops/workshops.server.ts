/**
 * Training workshops: reading a workshop, its versions and their texts, creating one, and the editors'
 * overview. Versions are written in ./versions.server; each person's progress and quiz in ./progress.server.
 */
import { LOCALES, type Locale, type WorkshopVersion } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import type { DB } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { isLocale } from "~/utils/i18n";
import { pickLanguage } from "~/models/core/locale";
import type { WorkshopSettings } from "./schema";
import { parseCaseStudies, parseLessons, parseQuiz, type TextsByLanguage } from "./text.server";

// ---------------------------------------------------------------------------------------------
// Reading

export async function getWorkshopBySlug(db: DB, slug: string) {
  return db.selectFrom("workshops").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function getVersionWithStatus(db: DB, workshopId: string, status: "draft" | "published") {
  return db
    .selectFrom("workshop_versions")
    .selectAll()
    .where("workshop_id", "=", workshopId)
    .where("status", "=", status)
    .executeTakeFirst();
}

export const settingsOf = (
  v: Pick<WorkshopVersion, "required" | "due_days" | "duration_minutes" | "pass_mark" | "max_attempts">,
): WorkshopSettings => ({
  required: v.required === 1,
  dueDays: v.due_days,
  durationMinutes: v.duration_minutes,
  passMark: v.pass_mark,
  maxAttempts: v.max_attempts,
});

/** Every language's text of the given versions. */
export async function loadTexts(db: DB, versionIds: string[]): Promise<Map<string, TextsByLanguage>> {
  const result = new Map<string, TextsByLanguage>();
  if (versionIds.length === 0) return result;
  const rows = await db.selectFrom("workshop_version_texts").selectAll().where("version_id", "in", versionIds).execute();
  for (const row of rows) {
    if (!isLocale(row.language)) continue;
    const texts = result.get(row.version_id) ?? {};
    texts[row.language] = {
      title: row.title,
      summary: row.summary,
      introduction: row.introduction_md,
      lessons: parseLessons(row.lessons_json),
      caseStudies: parseCaseStudies(row.case_studies_json),
      quiz: parseQuiz(row.quiz_json),
    };
    result.set(row.version_id, texts);
  }
  return result;
}

export async function listVersions(db: DB, workshopId: string) {
  const versions = await db
    .selectFrom("workshop_versions")
    .select(["id", "version", "status", "source", "created_at", "updated_at", "published_at", "superseded_at"])
    .where("workshop_id", "=", workshopId)
    .orderBy("version", "desc")
    .execute();
  const languages = versions.length
    ? await db
        .selectFrom("workshop_version_texts")
        .select(["version_id", "language"])
        .where(
          "version_id",
          "in",
          versions.map((v) => v.id),
        )
        .execute()
    : [];
  return versions.map((v) => ({
    ...v,
    languages: LOCALES.filter((l) => languages.some((x) => x.version_id === v.id && x.language === l)),
  }));
}

// ---------------------------------------------------------------------------------------------
// Workshops

export type CreateWorkshopResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

export async function createWorkshop(db: DB, input: { slug: string; actorId: string | null; now?: number }): Promise<CreateWorkshopResult> {
  const now = input.now ?? Date.now();
  const id = newId();
  const inserted = await db
    .insertInto("workshops")
    .values({ id, slug: input.slug, created_by: input.actorId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("slug").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, errors: { slug: "workshops.errors.slugTaken" } };
  return { ok: true, id };
}

/** Every workshop with its published version and draft, for the editors' list. */
export async function workshopsOverview(db: DB, language: Locale) {
  const workshops = await db.selectFrom("workshops").select(["id", "slug", "created_at"]).orderBy("created_at").orderBy("slug").execute();
  const versions = workshops.length
    ? await db
        .selectFrom("workshop_versions")
        .select(["id", "workshop_id", "version", "status", "required", "published_at", "updated_at"])
        .where("status", "in", ["draft", "published"])
        .execute()
    : [];
  const [texts, completions] = await Promise.all([
    loadTexts(
      db,
      versions.map((v) => v.id),
    ),
    db
      .selectFrom("workshop_completions")
      .select((eb) => ["workshop_id", eb.fn.countAll<number>().as("n")])
      .groupBy("workshop_id")
      .execute(),
  ]);
  return workshops.map((w) => {
    const current = versions.find((v) => v.workshop_id === w.id && v.status === "published") ?? null;
    const draft = versions.find((v) => v.workshop_id === w.id && v.status === "draft") ?? null;
    const shown = current ?? draft;
    return {
      id: w.id,
      slug: w.slug,
      title: shown ? (pickLanguage(texts.get(shown.id) ?? {}, language)?.text.title ?? w.slug) : w.slug,
      required: (current ?? draft)?.required === 1,
      current: current ? { version: current.version, publishedAt: current.published_at } : null,
      draft: draft ? { version: draft.version, updatedAt: draft.updated_at } : null,
      completed: Number(completions.find((c) => c.workshop_id === w.id)?.n ?? 0),
    };
  });
}
