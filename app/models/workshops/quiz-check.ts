import { LOCALES } from "#db/schema";
import { isIdText, isOneOf, listOf, wholeNumber } from "~/utils/form-checks";
import type { FieldErrors } from "~/utils/forms";
import { MAX_OPTIONS, MAX_QUESTIONS } from "./schema";

const isOption = (value: unknown) => {
  const option = wholeNumber(value);
  return option !== null && option >= 0 && option <= MAX_OPTIONS - 1;
};

/**
 * QuizSchema's rules (./employee-forms) for the browser, without zod, over the flat post ("answers.0", …):
 * a question with nothing ticked posts nothing, hence the question count.
 */
export const checkQuiz =
  (questionCount: number) =>
  (posted: Record<string, unknown>): FieldErrors => {
    const errors: FieldErrors = {};
    if (!isIdText(posted.versionId)) errors.versionId = "validation.invalid";
    if (!isOneOf(LOCALES, posted.language)) errors.language = "validation.invalid";
    for (let i = 0; i < Math.min(questionCount, MAX_QUESTIONS); i++) {
      const chosen = listOf(posted[`answers.${i}`]);
      const bad = chosen.findIndex((option) => !isOption(option));
      if (bad >= 0) errors[`answers.${i}.${bad}`] = "validation.invalid";
      else if (chosen.length === 0) errors[`answers.${i}`] = "workshops.errors.answerQuestion";
    }
    return errors;
  };
