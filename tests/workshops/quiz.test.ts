import { describe, expect, it } from "vitest";
import { markLessonDone, scoreQuiz, submitQuiz } from "~/models/workshops/progress.server";
import type { QuizQuestion } from "~/models/workshops/schema";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { createTestWorkshop, ledgerRows, RIGHT_ANSWERS, sampleQuiz } from "./helpers";

const quiz = sampleQuiz();

describe("quiz scoring", () => {
  it("counts a question right only when exactly its correct options are chosen", () => {
    expect(scoreQuiz(quiz, RIGHT_ANSWERS, 100)).toEqual({ correct: 3, total: 3, score: 100, passed: true });
    // Multiple choice: one right option missing, or one wrong option added, is wrong.
    expect(scoreQuiz(quiz, [[1], [0], [0]], 0).correct).toBe(2);
    expect(scoreQuiz(quiz, [[1], [0, 1, 2], [0]], 0).correct).toBe(2);
    expect(scoreQuiz(quiz, [[1], [2, 0], [0]], 0).correct).toBe(3);
    expect(scoreQuiz(quiz, [[0], [1, 3], [1]], 0)).toEqual({ correct: 0, total: 3, score: 0, passed: true });
  });

  it("passes exactly at the pass mark and fails just below it", () => {
    const four: QuizQuestion[] = [
      ...quiz,
      {
        question: "4",
        kind: "single",
        options: [
          { text: "x", correct: true },
          { text: "y", correct: false },
        ],
      },
    ];
    const threeOfFour = [[1], [0, 2], [0], [1]];
    expect(scoreQuiz(four, threeOfFour, 75)).toMatchObject({ score: 75, passed: true });
    expect(scoreQuiz(four, threeOfFour, 76)).toMatchObject({ score: 75, passed: false });
    // Two of three is 66.67 %: passes a 66 % mark, fails 67 % (no rounding up).
    const twoOfThree = [[1], [0, 2], [1]];
    expect(scoreQuiz(quiz, twoOfThree, 66)).toMatchObject({ score: 66, passed: true });
    expect(scoreQuiz(quiz, twoOfThree, 67)).toMatchObject({ score: 66, passed: false });
    expect(scoreQuiz(quiz, [[0], [0], [1]], 0).passed).toBe(true);
    expect(scoreQuiz(quiz, RIGHT_ANSWERS, 100).passed).toBe(true);
  });
});

describe("submitting a quiz", () => {
  it("enforces the attempts limit and completes the workshop once, with its points", async () => {
    const { workshopId, versionId } = await createTestWorkshop({ settings: { maxAttempts: 2, passMark: 100 } });
    const user = await createTestUser();
    const wrong = [[0], [0], [0]];
    const first = await submitQuiz(db, { userId: user.id, workshopId, versionId, language: "es", answers: wrong });
    expect(first).toMatchObject({ ok: true, attempt: 1, score: 33, passed: false, attemptsLeft: 1, completedWorkshop: false });
    const second = await submitQuiz(db, { userId: user.id, workshopId, versionId, language: "en", answers: wrong });
    expect(second).toMatchObject({ ok: true, attempt: 2, attemptsLeft: 0 });
    expect(await submitQuiz(db, { userId: user.id, workshopId, versionId, language: "es", answers: RIGHT_ANSWERS })).toEqual({
      ok: false,
      error: "workshops.errors.noAttemptsLeft",
    });
    const attempts = await db.selectFrom("workshop_quiz_attempts").select("attempt").where("user_id", "=", user.id).execute();
    expect(attempts).toHaveLength(2);
  });

  it("refuses malformed answers without using an attempt", async () => {
    const { workshopId, versionId } = await createTestWorkshop();
    const user = await createTestUser();
    for (const answers of [
      [[1], [0, 2]],
      [[1, 2], [0, 2], [0]],
      [[1], [0, 0], [0]],
      [[1], [0, 9], [0]],
      [[1], [], [0]],
    ]) {
      expect(await submitQuiz(db, { userId: user.id, workshopId, versionId, language: "es", answers })).toEqual({
        ok: false,
        error: "workshops.errors.badAnswers",
      });
    }
    expect(await db.selectFrom("workshop_quiz_attempts").select("id").where("user_id", "=", user.id).execute()).toHaveLength(0);
  });

  it("holds the limit when the last attempts are submitted at the same moment", async () => {
    const { workshopId, versionId } = await createTestWorkshop({ settings: { maxAttempts: 2, passMark: 100 } });
    const user = await createTestUser();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => submitQuiz(db, { userId: user.id, workshopId, versionId, language: "es", answers: [[0], [0], [0]] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "workshops.errors.noAttemptsLeft")).toBe(true);
  });

  it("completes the workshop when the lessons are done and the quiz is passed, in either order", async () => {
    const { workshopId, versionId } = await createTestWorkshop();
    const user = await createTestUser();
    const passed = await submitQuiz(db, { userId: user.id, workshopId, versionId, language: "es", answers: RIGHT_ANSWERS });
    expect(passed).toMatchObject({ ok: true, passed: true, completedWorkshop: false });
    expect(await submitQuiz(db, { userId: user.id, workshopId, versionId, language: "es", answers: RIGHT_ANSWERS })).toEqual({
      ok: false,
      error: "workshops.errors.alreadyPassed",
    });
    expect(await markLessonDone(db, { userId: user.id, workshopId, lesson: 1 })).toEqual({ ok: true, completedWorkshop: false });
    expect(await markLessonDone(db, { userId: user.id, workshopId, lesson: 3 })).toEqual({
      ok: false,
      error: "workshops.errors.noSuchLesson",
    });
    expect(await markLessonDone(db, { userId: user.id, workshopId, lesson: 2 })).toEqual({ ok: true, completedWorkshop: true });
    expect(await markLessonDone(db, { userId: user.id, workshopId, lesson: 2 })).toEqual({ ok: true, completedWorkshop: false });
    const ledger = await ledgerRows(user.id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ reference_type: "workshop", reference_id: workshopId, points: 50 });
    const completion = await db.selectFrom("workshop_completions").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(completion).toMatchObject({ workshop_id: workshopId, method: "quiz", version_id: versionId });
  });

  it("refuses a quiz from a version that is no longer published", async () => {
    const { workshopId, versionId } = await createTestWorkshop();
    await db.updateTable("workshop_versions").set({ status: "superseded" }).where("id", "=", versionId).execute();
    const user = await createTestUser();
    expect(await submitQuiz(db, { userId: user.id, workshopId, versionId, language: "es", answers: RIGHT_ANSWERS })).toEqual({
      ok: false,
      error: "workshops.errors.staleQuiz",
    });
  });
});
