/** The employees' forms (a lesson done, a quiz submission, a live session choice) for the browser and the actions. */
import * as z from "zod";
import { LOCALES } from "#db/schema";
import { formDataToObject, issuesToErrors, type ParseResult } from "~/utils/forms";
import { checkboxList } from "~/utils/form-fields";
import { MAX_LESSONS, MAX_OPTIONS, MAX_QUESTIONS } from "./schema";

export const LessonDoneSchema = z.object({
  lesson: z.coerce
    .number({ error: "validation.invalid" })
    .int("validation.invalid")
    .min(1, "validation.invalid")
    .max(MAX_LESSONS, "validation.invalid"),
});

const answerList = checkboxList(
  z.coerce
    .number({ error: "validation.invalid" })
    .int("validation.invalid")
    .min(0, "validation.invalid")
    .max(MAX_OPTIONS - 1, "validation.invalid"),
);

/** A quiz submission: the version and language it was shown in, and per question the chosen option numbers. */
export const QuizSchema = z.object({
  versionId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
  language: z.enum(LOCALES, { error: "validation.invalid" }),
  answers: z
    .array(
      answerList.refine((chosen) => chosen.length > 0, "workshops.errors.answerQuestion"),
      { error: "workshops.errors.answerQuestion" },
    )
    .max(MAX_QUESTIONS, "validation.invalid")
    .default([]),
});

export type QuizSubmission = z.output<typeof QuizSchema>;

/** Posted quiz answers arrive as "answers.0", "answers.1"…; nested into a list in question order (gaps stay empty). */
export function nestAnswers(input: Record<string, unknown>, questionCount: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const answers: unknown[] = Array.from({ length: Math.min(questionCount, MAX_QUESTIONS) }, () => []);
  for (const [key, value] of Object.entries(input)) {
    const m = /^answers\.(\d+)$/.exec(key);
    if (!m) result[key] = value;
    else if (Number(m[1]) < answers.length) answers[Number(m[1])] = value;
  }
  result.answers = answers;
  return result;
}

export function parseQuizForm(formData: FormData, questionCount: number): ParseResult<QuizSubmission> {
  const parsed = QuizSchema.safeParse(nestAnswers(formDataToObject(formData), questionCount));
  return parsed.success ? { success: true, data: parsed.data } : { success: false, errors: issuesToErrors(parsed.error.issues) };
}

export const SessionChoiceSchema = z.object({
  sessionId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
});
