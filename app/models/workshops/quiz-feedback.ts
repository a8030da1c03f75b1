/**
 * What a person learns from an attempt, per question. Right or wrong is always told, and a wrong answer's
 * explanation (written to explain the rule, not to name the option) is shown too. Which options were the right
 * ones is revealed only when nothing can be gained by knowing it: the quiz is passed or no attempt is left.
 */
import type { QuizQuestion } from "./schema";

export interface QuestionFeedback {
  right: boolean;
  /** The options the person chose, by index. */
  chosen: number[];
  /** The right options by index, only once revealed. */
  rightOptions: number[] | null;
  /** For a wrong answer, the quiz's explanation when it has one. */
  explanation: string | null;
}

/** Right only when exactly the question's right options were chosen (all of them and nothing else). */
export function answeredRight(question: QuizQuestion, chosen: readonly number[]): boolean {
  const picked = new Set(chosen);
  const right = question.options.flatMap((o, k) => (o.correct ? [k] : []));
  return picked.size === right.length && right.every((k) => picked.has(k));
}

export function quizFeedback(quiz: QuizQuestion[], answers: number[][], reveal: boolean): QuestionFeedback[] {
  return quiz.map((question, i) => {
    const chosen = answers[i] ?? [];
    const right = answeredRight(question, chosen);
    return {
      right,
      chosen,
      rightOptions: reveal ? question.options.flatMap((o, k) => (o.correct ? [k] : [])) : null,
      explanation: right ? null : (question.explanation ?? null),
    };
  });
}

/** The answers as stored with an attempt (a JSON list of option lists); anything else reads as no answers. */
export function parseStoredAnswers(json: string): number[][] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.map((chosen) => (Array.isArray(chosen) ? chosen.filter((k): k is number => Number.isInteger(k)) : []));
  } catch {
    return [];
  }
}
