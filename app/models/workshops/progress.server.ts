/** Lesson progress, server-side quiz scoring (the correct answers never leave this module except as a score) and completion. */
import { type Locale, type WorkshopCompletionMethod } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { pickLanguage } from "~/models/core/locale";
import { awardPoints } from "~/models/scoring/points.server";
import type { QuizQuestion } from "./schema";
import { answeredRight } from "./quiz-feedback";

import { retryingUnique } from "~/models/core/versions.server";
import { getVersionWithStatus, loadTexts } from "./workshops.server";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";

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
    if (answeredRight(question, answers[i] ?? [])) correct++;
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
export async function completeIfDone(
  trx: DB,
  input: { userId: string; workshopId: string; now: number; attendance?: boolean },
): Promise<boolean> {
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
  await refreshOnboardingProgress(trx, [input.userId]);
  await awardPoints(trx, {
    userId: input.userId,
    action: "workshop_completed",
    referenceType: "workshop",
    referenceId: input.workshopId,
    at: input.now,
  });
  return true;
}

export type LessonResult =
  { ok: true; completedWorkshop: boolean } | { ok: false; error: "errors.notFound" | "workshops.errors.noSuchLesson" };

/** Marks a lesson of the published version as done (again: no change). */
export async function markLessonDone(
  db: DB,
  input: { userId: string; workshopId: string; lesson: number; now?: number },
): Promise<LessonResult> {
  const now = input.now ?? Date.now();
  return inTransaction(db, async (trx) => {
    const published = await getVersionWithStatus(trx, input.workshopId, "published");
    if (!published) return { ok: false, error: "errors.notFound" } as const;
    const text = pickLanguage((await loadTexts(trx, [published.id])).get(published.id) ?? {}, DEFAULT_LOCALE)?.text;
    if (!text || input.lesson < 1 || input.lesson > text.lessons.length)
      return { ok: false, error: "workshops.errors.noSuchLesson" } as const;
    await trx
      .insertInto("workshop_lesson_progress")
      .values({ user_id: input.userId, workshop_id: input.workshopId, lesson_number: input.lesson, completed_at: now })
      .onConflict((oc) => oc.columns(["user_id", "workshop_id", "lesson_number"]).doNothing())
      .execute();
    const completedWorkshop = await completeIfDone(trx, { userId: input.userId, workshopId: input.workshopId, now });
    // A completion refreshed the person already; a lesson alone may start their onboarding.
    if (!completedWorkshop) await refreshOnboardingProgress(trx, [input.userId]);
    return { ok: true, completedWorkshop } as const;
  });
}

/** One answer per question, each a set of existing options: one for single choice, at least one for multiple. */
function answersFit(quiz: QuizQuestion[], answers: number[][]): boolean {
  return (
    answers.length === quiz.length &&
    answers.every((chosen, i) => {
      const q = quiz[i];
      return (
        new Set(chosen).size === chosen.length &&
        chosen.length >= 1 &&
        (q.kind === "multiple" || chosen.length === 1) &&
        chosen.every((k) => k < q.options.length)
      );
    })
  );
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
    const version = await trx
      .selectFrom("workshop_versions")
      .selectAll()
      .where("id", "=", input.versionId)
      .where("workshop_id", "=", input.workshopId)
      .executeTakeFirst();
    if (!version) return { ok: false, error: "errors.notFound" };
    if (version.status !== "published") return { ok: false, error: "workshops.errors.staleQuiz" };
    const text = pickLanguage((await loadTexts(trx, [version.id])).get(version.id) ?? {}, input.language)?.text;
    if (!text || text.quiz.length === 0) return { ok: false, error: "workshops.errors.noQuiz" };
    if (!answersFit(text.quiz, input.answers)) return { ok: false, error: "workshops.errors.badAnswers" };
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
    const completedWorkshop = result.passed
      ? await completeIfDone(trx, { userId: input.userId, workshopId: input.workshopId, now })
      : false;
    if (!completedWorkshop) await refreshOnboardingProgress(trx, [input.userId]);
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
