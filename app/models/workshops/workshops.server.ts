/**
 * Training workshops: versions (draft → published → superseded, like guidelines: a published version is
 * never changed, edits go to a draft), each person's lesson progress, quiz attempts scored here on the
 * server, and completion (all lessons and the quiz passed, or attendance at a live session), which awards
 * `workshop_completed` points once, in the same transaction.
 */
import { LOCALES, type Locale, type WorkshopCompletionMethod, type WorkshopVersion } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, serializableTransaction, type DB } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { DEFAULT_LOCALE, isLocale } from "~/utils/i18n";
import { pickLanguage } from "~/models/guidelines/text.server";
import { awardPoints } from "~/models/scoring/points.server";
import type { QuizQuestion, WorkshopSettings, WorkshopText } from "./schema";
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
  type TextsByLanguage,
} from "./text.server";

// ---------------------------------------------------------------------------------------------
// Reading

export async function getWorkshopBySlug(db: DB, slug: string) {
  return db.selectFrom("workshops").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function getVersionWithStatus(db: DB, workshopId: string, status: "draft" | "published") {
  return db.selectFrom("workshop_versions").selectAll().where("workshop_id", "=", workshopId).where("status", "=", status).executeTakeFirst();
}

export const settingsOf = (v: Pick<WorkshopVersion, "required" | "due_days" | "duration_minutes" | "pass_mark" | "max_attempts">): WorkshopSettings => ({
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
  return versions.map((v) => ({ ...v, languages: LOCALES.filter((l) => languages.some((x) => x.version_id === v.id && x.language === l)) }));
}

// ---------------------------------------------------------------------------------------------
// Workshops and versions (editors, content sync)

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
  input: { workshopId: string; settings: WorkshopSettings; texts: TextsByLanguage; status: "draft" | "published"; source: "sync" | "editor"; actorId: string | null; now: number },
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
export async function replaceDraft(trx: DB, versionId: string, settings: WorkshopSettings, texts: TextsByLanguage, source: "sync" | "editor", actorId: string | null, now: number) {
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

const DEFAULT_SETTINGS: WorkshopSettings = { required: false, dueDays: null, durationMinutes: 30, passMark: 70, maxAttempts: 3 };

const isUniqueViolation = (error: unknown) => /^(23505|SQLITE_CONSTRAINT)/.test(String((error as { code?: unknown }).code ?? ""));

/** Runs `work` in a transaction, again when a concurrent request broke a unique index first (it then sees that request's rows). */
async function retryingUnique<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
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
  if (draft) return { version: draft, texts: (await loadTexts(trx, [draft.id])).get(draft.id) ?? {}, settings: settingsOf(draft), created: false };
  const published = await getVersionWithStatus(trx, workshopId, "published");
  const texts = published ? ((await loadTexts(trx, [published.id])).get(published.id) ?? {}) : {};
  const settings = published ? settingsOf(published) : DEFAULT_SETTINGS;
  const created = await insertVersion(trx, { workshopId, settings, texts, status: "draft", source: "editor", actorId, now });
  const version = await trx.selectFrom("workshop_versions").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
  return { version, texts, settings, created: true };
}

export type SaveDraftResult = { ok: true; version: number; created: boolean } | { ok: false; errors: FieldErrors };

/** Saves one language's text into the draft (starting one from the published version when there is none). */
export async function saveDraftText(db: DB, input: { workshopId: string; language: Locale; text: WorkshopText; actorId: string | null; now?: number }): Promise<SaveDraftResult> {
  const text = canonicalText(input.text);
  const problems = textProblems(text);
  if (Object.keys(problems).length) return { ok: false, errors: problems };
  const now = input.now ?? Date.now();
  return retryingUnique(db, async (trx) => {
    const draft = await draftToEdit(trx, input.workshopId, input.actorId, now);
    await replaceDraft(trx, draft.version.id, draft.settings, { ...draft.texts, [input.language]: text }, "editor", input.actorId, now);
    return { ok: true, version: draft.version.version, created: draft.created } as const;
  });
}

/** Saves the settings (required, due period, duration, pass mark, attempts) into the draft. */
export async function saveDraftSettings(db: DB, input: { workshopId: string; settings: WorkshopSettings; actorId: string | null; now?: number }): Promise<SaveDraftResult> {
  const now = input.now ?? Date.now();
  return retryingUnique(db, async (trx) => {
    const draft = await draftToEdit(trx, input.workshopId, input.actorId, now);
    await replaceDraft(trx, draft.version.id, input.settings, draft.texts, "editor", input.actorId, now);
    return { ok: true, version: draft.version.version, created: draft.created } as const;
  });
}

export async function discardDraft(db: DB, workshopId: string): Promise<boolean> {
  const result = await db.deleteFrom("workshop_versions").where("workshop_id", "=", workshopId).where("status", "=", "draft").executeTakeFirst();
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
    await trx.updateTable("workshop_versions").set({ status: "published", published_at: now, published_by: input.actorId }).where("id", "=", draft.id).execute();
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

// ---------------------------------------------------------------------------------------------
// Quiz scoring (server only: the correct answers never leave this module except as a score)

export interface QuizScore {
  correct: number;
  total: number;
  /** Percent, rounded down. */
  score: number;
  passed: boolean;
}

/**
 * A question counts as right only when exactly its correct options were chosen (for multiple choice:
 * all of them and nothing else). Passing means correct / total ≥ pass mark, compared exactly.
 */
export function scoreQuiz(quiz: QuizQuestion[], answers: number[][], passMark: number): QuizScore {
  const total = quiz.length;
  let correct = 0;
  quiz.forEach((question, i) => {
    const chosen = new Set(answers[i] ?? []);
    const right = new Set(question.options.flatMap((o, k) => (o.correct ? [k] : [])));
    if (chosen.size === right.size && [...chosen].every((k) => right.has(k))) correct++;
  });
  if (total === 0) return { correct: 0, total: 0, score: 100, passed: true };
  return { correct, total, score: Math.floor((correct * 100) / total), passed: correct * 100 >= passMark * total };
}

// ---------------------------------------------------------------------------------------------
// Progress and completion

/**
 * Records the completion if the person now qualifies (or `method` is "attendance"), awarding the points
 * once. Call inside the transaction of the event that may complete it. Returns whether it completed now.
 */
export async function completeIfDone(trx: DB, input: { userId: string; workshopId: string; now: number; attendance?: boolean }): Promise<boolean> {
  const published = await getVersionWithStatus(trx, input.workshopId, "published");
  let method: WorkshopCompletionMethod;
  if (input.attendance) method = "attendance";
  else {
    if (!published) return false;
    const texts = (await loadTexts(trx, [published.id])).get(published.id) ?? {};
    const text = pickLanguage(texts, DEFAULT_LOCALE)?.text;
    if (!text) return false;
    const done = await trx
      .selectFrom("workshop_lesson_progress")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", input.userId)
      .where("workshop_id", "=", input.workshopId)
      .where("lesson_number", "<=", text.lessons.length)
      .executeTakeFirstOrThrow();
    if (Number(done.n) < text.lessons.length) return false;
    if (text.quiz.length > 0) {
      const passed = await trx
        .selectFrom("workshop_quiz_attempts")
        .select("id")
        .where("user_id", "=", input.userId)
        .where("workshop_id", "=", input.workshopId)
        .where("passed", "=", 1)
        .limit(1)
        .executeTakeFirst();
      if (!passed) return false;
      method = "quiz";
    } else method = "lessons";
  }
  const inserted = await trx
    .insertInto("workshop_completions")
    .values({ user_id: input.userId, workshop_id: input.workshopId, version_id: published?.id ?? null, method, completed_at: input.now })
    .onConflict((oc) => oc.columns(["user_id", "workshop_id"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await awardPoints(trx, { userId: input.userId, action: "workshop_completed", referenceType: "workshop", referenceId: input.workshopId, at: input.now });
  return true;
}

export type LessonResult = { ok: true; completedWorkshop: boolean } | { ok: false; error: "errors.notFound" | "workshops.errors.noSuchLesson" };

/** Marks a lesson of the published version as done (again: no change). */
export async function markLessonDone(db: DB, input: { userId: string; workshopId: string; lesson: number; now?: number }): Promise<LessonResult> {
  const now = input.now ?? Date.now();
  return inTransaction(db, async (trx) => {
    const published = await getVersionWithStatus(trx, input.workshopId, "published");
    if (!published) return { ok: false, error: "errors.notFound" } as const;
    const text = pickLanguage((await loadTexts(trx, [published.id])).get(published.id) ?? {}, DEFAULT_LOCALE)?.text;
    if (!text || input.lesson < 1 || input.lesson > text.lessons.length) return { ok: false, error: "workshops.errors.noSuchLesson" } as const;
    await trx
      .insertInto("workshop_lesson_progress")
      .values({ user_id: input.userId, workshop_id: input.workshopId, lesson_number: input.lesson, completed_at: now })
      .onConflict((oc) => oc.columns(["user_id", "workshop_id", "lesson_number"]).doNothing())
      .execute();
    return { ok: true, completedWorkshop: await completeIfDone(trx, { userId: input.userId, workshopId: input.workshopId, now }) } as const;
  });
}

export type QuizResult =
  | { ok: true; attempt: number; score: number; passed: boolean; attemptsLeft: number | null; completedWorkshop: boolean }
  | {
      ok: false;
      error:
        | "errors.notFound"
        | "workshops.errors.staleQuiz"
        | "workshops.errors.noQuiz"
        | "workshops.errors.noAttemptsLeft"
        | "workshops.errors.alreadyPassed"
        | "workshops.errors.badAnswers";
    };

/**
 * Scores a quiz submission against the published version the person was shown. The attempts limit is
 * checked and the attempt recorded in one transaction; two submissions racing for the last attempt
 * break the (person, version, attempt) unique index and the loser is run again, finding no attempts left.
 */
export async function submitQuiz(
  db: DB,
  input: { userId: string; workshopId: string; versionId: string; language: Locale; answers: number[][]; now?: number },
): Promise<QuizResult> {
  const now = input.now ?? Date.now();
  return retryingUnique(db, async (trx): Promise<QuizResult> => {
    const version = await trx.selectFrom("workshop_versions").selectAll().where("id", "=", input.versionId).where("workshop_id", "=", input.workshopId).executeTakeFirst();
    if (!version) return { ok: false, error: "errors.notFound" };
    if (version.status !== "published") return { ok: false, error: "workshops.errors.staleQuiz" };
    const text = pickLanguage((await loadTexts(trx, [version.id])).get(version.id) ?? {}, input.language)?.text;
    if (!text || text.quiz.length === 0) return { ok: false, error: "workshops.errors.noQuiz" };
    const valid =
      input.answers.length === text.quiz.length &&
      input.answers.every((chosen, i) => {
        const q = text.quiz[i];
        const distinct = new Set(chosen);
        return distinct.size === chosen.length && chosen.length >= 1 && (q.kind === "multiple" || chosen.length === 1) && chosen.every((k) => k < q.options.length);
      });
    if (!valid) return { ok: false, error: "workshops.errors.badAnswers" };
    const previous = await trx
      .selectFrom("workshop_quiz_attempts")
      .select((eb) => [eb.fn.max("attempt").as("last"), eb.fn.max("passed").as("passed")])
      .where("user_id", "=", input.userId)
      .where("version_id", "=", version.id)
      .executeTakeFirst();
    if (Number(previous?.passed ?? 0) === 1) return { ok: false, error: "workshops.errors.alreadyPassed" };
    const used = Number(previous?.last ?? 0);
    if (version.max_attempts !== null && used >= version.max_attempts) return { ok: false, error: "workshops.errors.noAttemptsLeft" };
    const result = scoreQuiz(text.quiz, input.answers, version.pass_mark);
    const attempt = used + 1;
    await trx
      .insertInto("workshop_quiz_attempts")
      .values({
        id: newId(),
        user_id: input.userId,
        workshop_id: input.workshopId,
        version_id: version.id,
        attempt,
        language: input.language,
        answers_json: JSON.stringify(input.answers),
        score: result.score,
        passed: result.passed ? 1 : 0,
        submitted_at: now,
      })
      .execute();
    const completedWorkshop = result.passed ? await completeIfDone(trx, { userId: input.userId, workshopId: input.workshopId, now }) : false;
    return {
      ok: true,
      attempt,
      score: result.score,
      passed: result.passed,
      attemptsLeft: version.max_attempts === null ? null : version.max_attempts - attempt,
      completedWorkshop,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The employee's view

export type PersonWorkshopStatus = "not_started" | "in_progress" | "completed";

/** Every published workshop with where the person stands. */
export async function listWorkshopsForPerson(db: DB, userId: string, language: Locale) {
  const rows = await db
    .selectFrom("workshops as w")
    .innerJoin("workshop_versions as v", (join) => join.onRef("v.workshop_id", "=", "w.id").on("v.status", "=", "published"))
    .leftJoin("workshop_completions as c", (join) => join.onRef("c.workshop_id", "=", "w.id").on("c.user_id", "=", userId))
    .select((eb) => [
      "w.id",
      "w.slug",
      "v.id as versionId",
      "v.required",
      "v.due_days",
      "v.duration_minutes",
      "c.completed_at",
      eb
        .selectFrom("workshop_lesson_progress as p")
        .select((x) => x.fn.countAll<number>().as("n"))
        .whereRef("p.workshop_id", "=", "w.id")
        .where("p.user_id", "=", userId)
        .as("lessonsDone"),
      eb
        .selectFrom("workshop_quiz_attempts as q")
        .select((x) => x.fn.countAll<number>().as("n"))
        .whereRef("q.workshop_id", "=", "w.id")
        .where("q.user_id", "=", userId)
        .as("attempts"),
    ])
    .orderBy("v.required", "desc")
    .orderBy("w.created_at")
    .orderBy("w.slug")
    .execute();
  const texts = await loadTexts(
    db,
    rows.map((r) => r.versionId),
  );
  return rows.map((r) => {
    const text = pickLanguage(texts.get(r.versionId) ?? {}, language)?.text;
    const lessons = text?.lessons.length ?? 0;
    const lessonsDone = Math.min(Number(r.lessonsDone ?? 0), lessons);
    const status: PersonWorkshopStatus = r.completed_at !== null ? "completed" : lessonsDone > 0 || Number(r.attempts ?? 0) > 0 ? "in_progress" : "not_started";
    return {
      id: r.id,
      slug: r.slug,
      title: text?.title ?? r.slug,
      summary: text?.summary ?? "",
      required: r.required === 1,
      dueDays: r.due_days,
      durationMinutes: r.duration_minutes,
      lessons,
      lessonsDone,
      hasQuiz: (text?.quiz.length ?? 0) > 0,
      completedAt: r.completed_at,
      status,
    };
  });
}

/** The person's state in one workshop: lessons done, attempts on the published version, completion. */
export async function personProgress(db: DB, userId: string, workshopId: string, versionId: string) {
  const [lessons, attempts, completion] = await Promise.all([
    db.selectFrom("workshop_lesson_progress").select("lesson_number").where("user_id", "=", userId).where("workshop_id", "=", workshopId).execute(),
    db
      .selectFrom("workshop_quiz_attempts")
      .select(["attempt", "score", "passed", "submitted_at"])
      .where("user_id", "=", userId)
      .where("version_id", "=", versionId)
      .orderBy("attempt", "desc")
      .execute(),
    db.selectFrom("workshop_completions").select(["completed_at", "method"]).where("user_id", "=", userId).where("workshop_id", "=", workshopId).executeTakeFirst(),
  ]);
  return {
    lessonsDone: lessons.map((l) => l.lesson_number).sort((a, b) => a - b),
    attempts: attempts.map((a) => ({ attempt: a.attempt, score: a.score, passed: a.passed === 1, submittedAt: a.submitted_at })),
    completion: completion ? { completedAt: completion.completed_at, method: completion.method } : null,
  };
}

/** What the certificate shows, or null when the person has not completed the workshop. */
export async function certificateFor(db: DB, userId: string, slug: string, language: Locale) {
  const row = await db
    .selectFrom("workshop_completions as c")
    .innerJoin("workshops as w", "w.id", "c.workshop_id")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["w.id", "w.slug", "c.completed_at", "c.method", "c.version_id", "u.name"])
    .where("c.user_id", "=", userId)
    .where("w.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  const published = await getVersionWithStatus(db, row.id, "published");
  const versionId = published?.id ?? row.version_id;
  const version = versionId ? await db.selectFrom("workshop_versions").select(["duration_minutes"]).where("id", "=", versionId).executeTakeFirst() : undefined;
  const text = versionId ? pickLanguage((await loadTexts(db, [versionId])).get(versionId) ?? {}, language)?.text : undefined;
  return {
    slug: row.slug,
    title: text?.title ?? row.slug,
    name: row.name,
    completedAt: row.completed_at,
    method: row.method,
    durationMinutes: version?.duration_minutes ?? null,
    certificateId: `${row.id.slice(0, 8)}-${userId.slice(0, 8)}`.toUpperCase(),
  };
}

/** How many questions a version's quiz has (0 for an unknown version), to read a posted quiz form. */
export async function quizLength(db: DB, workshopId: string, versionId: string): Promise<number> {
  const row = await db
    .selectFrom("workshop_version_texts as t")
    .innerJoin("workshop_versions as v", "v.id", "t.version_id")
    .select("t.quiz_json")
    .where("v.id", "=", versionId)
    .where("v.workshop_id", "=", workshopId)
    .limit(1)
    .executeTakeFirst();
  return row ? parseQuiz(row.quiz_json).length : 0;
}
