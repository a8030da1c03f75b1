/**
 * Training workshops: versions (draft → published → superseded, like guidelines: a published version is
 * never changed, edits go to a draft), each person's lesson progress, quiz attempts scored here on the
 * server, and completion (all lessons and the quiz passed, or attendance at a live session), which awards
 * `workshop_completed` points once, in the same transaction.
 */
import { LOCALES, type Locale, type WorkshopVersion } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, serializableTransaction, type DB, isUniqueViolation } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { isLocale } from "~/utils/i18n";
import { pickLanguage } from "~/models/core/locale";
import { DEFAULT_WORKSHOP_SETTINGS, type WorkshopSettings, type WorkshopText } from "./schema";
import {
  canonicalText,
  hashContent,
  hashText,
  parseCaseStudies,
  parseLessons,
  parseQuiz,
  publishProblem,
  serialiseText,
  textProblems,
  problemErrors,
  type TextsByLanguage,
} from "./text.server";

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
// Workshops and versions (editors, library sync)

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

async function insertTexts(trx: DB, versionId: string, texts: TextsByLanguage) {
  for (const language of LOCALES) {
    const text = texts[language];
    if (!text) continue;
    const c = canonicalText(text);
    await trx
      .insertInto("workshop_version_texts")
      .values({ version_id: versionId, language, ...serialiseText(c), text_hash: hashText(c) })
      .execute();
  }
}

const settingsColumns = (s: WorkshopSettings) => ({
  required: s.required ? 1 : 0,
  due_days: s.dueDays,
  duration_minutes: s.durationMinutes,
  pass_mark: s.passMark,
  max_attempts: s.maxAttempts,
});

/** A new version: "draft", or "published" (superseding the current one). Call inside a transaction. */
export async function insertVersion(
  trx: DB,
  input: {
    workshopId: string;
    settings: WorkshopSettings;
    texts: TextsByLanguage;
    status: "draft" | "published";
    source: "sync" | "editor";
    actorId: string | null;
    now: number;
  },
): Promise<{ id: string; version: number }> {
  const last = await trx
    .selectFrom("workshop_versions")
    .select((eb) => eb.fn.max("version").as("n"))
    .where("workshop_id", "=", input.workshopId)
    .executeTakeFirst();
  const version = Number(last?.n ?? 0) + 1;
  if (input.status === "published") {
    await trx
      .updateTable("workshop_versions")
      .set({ status: "superseded", superseded_at: input.now })
      .where("workshop_id", "=", input.workshopId)
      .where("status", "=", "published")
      .execute();
  }
  const id = newId();
  const published = input.status === "published";
  await trx
    .insertInto("workshop_versions")
    .values({
      id,
      workshop_id: input.workshopId,
      version,
      status: input.status,
      ...settingsColumns(input.settings),
      content_hash: hashContent(input.settings, input.texts),
      source: input.source,
      created_by: input.actorId,
      created_at: input.now,
      updated_by: input.actorId,
      updated_at: input.now,
      published_by: published ? input.actorId : null,
      published_at: published ? input.now : null,
      superseded_at: null,
    })
    .execute();
  await insertTexts(trx, id, input.texts);
  return { id, version };
}

/** Replaces a draft's settings and texts (languages left out are removed). Published versions are untouched. */
export async function replaceDraft(
  trx: DB,
  versionId: string,
  settings: WorkshopSettings,
  texts: TextsByLanguage,
  source: "sync" | "editor",
  actorId: string | null,
  now: number,
) {
  const updated = await trx
    .updateTable("workshop_versions")
    .set({ ...settingsColumns(settings), content_hash: hashContent(settings, texts), source, updated_by: actorId, updated_at: now })
    .where("id", "=", versionId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new Error(`workshop version ${versionId} is not a draft`);
  await trx.deleteFrom("workshop_version_texts").where("version_id", "=", versionId).execute();
  await insertTexts(trx, versionId, texts);
}

/** Runs `work` in a transaction, again when a concurrent request broke a unique index first (it then sees that request's rows). */
export async function retryingUnique<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, work);
    } catch (error) {
      if (db.isTransaction || attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** The draft to change: the existing one, or a new one copied from the published version. */
async function draftToEdit(trx: DB, workshopId: string, actorId: string | null, now: number) {
  const draft = await getVersionWithStatus(trx, workshopId, "draft");
  if (draft)
    return { version: draft, texts: (await loadTexts(trx, [draft.id])).get(draft.id) ?? {}, settings: settingsOf(draft), created: false };
  const published = await getVersionWithStatus(trx, workshopId, "published");
  const texts = published ? ((await loadTexts(trx, [published.id])).get(published.id) ?? {}) : {};
  const settings = published ? settingsOf(published) : DEFAULT_WORKSHOP_SETTINGS;
  const created = await insertVersion(trx, { workshopId, settings, texts, status: "draft", source: "editor", actorId, now });
  const version = await trx.selectFrom("workshop_versions").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
  return { version, texts, settings, created: true };
}

export type SaveDraftResult = { ok: true; version: number; created: boolean } | { ok: false; errors: FieldErrors };

/** Saves one language's text into the draft (starting one from the published version when there is none). */
export async function saveDraftText(
  db: DB,
  input: { workshopId: string; language: Locale; text: WorkshopText; actorId: string | null; now?: number },
): Promise<SaveDraftResult> {
  const text = canonicalText(input.text);
  const problems = textProblems(text);
  if (Object.keys(problems).length) return { ok: false, errors: problemErrors(problems) };
  const now = input.now ?? Date.now();
  return retryingUnique(db, async (trx) => {
    const draft = await draftToEdit(trx, input.workshopId, input.actorId, now);
    await replaceDraft(trx, draft.version.id, draft.settings, { ...draft.texts, [input.language]: text }, "editor", input.actorId, now);
    return { ok: true, version: draft.version.version, created: draft.created } as const;
  });
}

/** Saves the settings (required, due period, duration, pass mark, attempts) into the draft. */
export async function saveDraftSettings(
  db: DB,
  input: { workshopId: string; settings: WorkshopSettings; actorId: string | null; now?: number },
): Promise<SaveDraftResult> {
  const now = input.now ?? Date.now();
  return retryingUnique(db, async (trx) => {
    const draft = await draftToEdit(trx, input.workshopId, input.actorId, now);
    await replaceDraft(trx, draft.version.id, input.settings, draft.texts, "editor", input.actorId, now);
    return { ok: true, version: draft.version.version, created: draft.created } as const;
  });
}

export async function discardDraft(db: DB, workshopId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("workshop_versions")
    .where("workshop_id", "=", workshopId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type PublishResult = { ok: true; version: number } | { ok: false; error: string };

/** The draft becomes the published version; the previous one is superseded. Completions already earned stay. */
export async function publishDraft(db: DB, input: { workshopId: string; actorId: string | null; now?: number }): Promise<PublishResult> {
  const now = input.now ?? Date.now();
  const run = (work: (trx: DB) => Promise<PublishResult>) => (db.isTransaction ? work(db) : serializableTransaction(db, work));
  return run(async (trx) => {
    const draft = await getVersionWithStatus(trx, input.workshopId, "draft");
    if (!draft) return { ok: false, error: "workshops.errors.noDraft" } as const;
    const problem = publishProblem((await loadTexts(trx, [draft.id])).get(draft.id) ?? {});
    if (problem) return { ok: false, error: problem } as const;
    await trx
      .updateTable("workshop_versions")
      .set({ status: "superseded", superseded_at: now })
      .where("workshop_id", "=", input.workshopId)
      .where("status", "=", "published")
      .execute();
    await trx
      .updateTable("workshop_versions")
      .set({ status: "published", published_at: now, published_by: input.actorId })
      .where("id", "=", draft.id)
      .execute();
    await trx.updateTable("workshops").set({ updated_at: now }).where("id", "=", input.workshopId).execute();
    return { ok: true, version: draft.version } as const;
  });
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
