/**
 * Workshop texts, settings and forms: shapes, limits and zod schemas shared by the browser
 * (react-hook-form), the actions and the library sync. No server-only imports here.
 */
import { z } from "zod";
import { LOCALES, type Locale } from "#db/schema";
import { checkboxList, formDataToObject, issuesToErrors, requiredText, type ParseResult } from "~/utils/forms";

export const LIMITS = {
  title: 140,
  summary: 400,
  introduction: 10_000,
  lessonTitle: 140,
  lessonBody: 20_000,
  caseTitle: 140,
  caseBody: 8000,
  question: 400,
  option: 300,
  place: 200,
  url: 500,
} as const;
export const MIN_LESSONS = 1;
export const MAX_LESSONS = 20;
export const MAX_CASE_STUDIES = 10;
export const MAX_QUESTIONS = 30;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
export const MAX_DUE_DAYS = 365;
export const MAX_ATTEMPTS_LIMIT = 20;
export const MAX_CAPACITY = 1000;

export const CASE_OUTCOMES = ["success", "failure"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const QUESTION_KINDS = ["single", "multiple"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface WorkshopLesson {
  title: string;
  /** Markdown. */
  body: string;
}

export interface CaseStudy {
  title: string;
  outcome: CaseOutcome;
  /** Markdown. */
  body: string;
}

export interface QuizOption {
  text: string;
  correct: boolean;
}

export interface QuizQuestion {
  question: string;
  kind: QuestionKind;
  options: QuizOption[];
}

export interface WorkshopText {
  title: string;
  summary: string;
  /** Markdown. */
  introduction: string;
  lessons: WorkshopLesson[];
  caseStudies: CaseStudy[];
  /** Empty: the workshop has no quiz. */
  quiz: QuizQuestion[];
}

export interface WorkshopSettings {
  required: boolean;
  /** Days after joining by which a required workshop is due; null: no due date. */
  dueDays: number | null;
  durationMinutes: number;
  /** Percent of questions to get right (0–100). */
  passMark: number;
  /** null: unlimited attempts. */
  maxAttempts: number | null;
}

/** The settings of a workshop that has never been published. */
export const DEFAULT_WORKSHOP_SETTINGS: WorkshopSettings = {
  required: false,
  dueDays: null,
  durationMinutes: 30,
  passMark: 70,
  maxAttempts: 3,
};

/** What is wrong with a question, as a translation key, or null. Shared by the editor and the sync. */
export function questionProblem(question: QuizQuestion): string | null {
  if (question.options.length < MIN_OPTIONS) return "workshops.errors.tooFewOptions";
  if (question.options.length > MAX_OPTIONS) return "workshops.errors.tooManyOptions";
  const correct = question.options.filter((o) => o.correct).length;
  if (question.kind === "single" && correct !== 1) return "workshops.errors.singleNeedsOne";
  if (question.kind === "multiple" && correct < 1) return "workshops.errors.multipleNeedsOne";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Editor forms

const text = (max: number) => z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).max(max, "validation.tooLong"));
const flag = () => z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
/** "" or nothing → null; otherwise a whole number in [min, max]. */
const optionalWhole = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).nullable(),
  );
const whole = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

export const SettingsSchema = z.object({
  required: flag(),
  dueDays: optionalWhole(1, MAX_DUE_DAYS, "workshops.errors.dueDays"),
  durationMinutes: whole(5, 600, "workshops.errors.duration"),
  passMark: whole(0, 100, "workshops.errors.passMark"),
  maxAttempts: optionalWhole(1, MAX_ATTEMPTS_LIMIT, "workshops.errors.maxAttempts"),
});

export type SettingsForm = z.output<typeof SettingsSchema>;

/**
 * Quiz options in the editor: one per line, the right ones starting with "[x]" ("[ ]" or nothing for the
 * others). Blank lines are dropped.
 */
export function parseOptionLines(value: string): QuizOption[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^\[( |x|X)\]\s*(.*)$/.exec(line);
      return m ? { text: m[2].trim(), correct: m[1].toLowerCase() === "x" } : { text: line, correct: false };
    })
    .filter((o) => o.text);
}

export const optionLines = (options: QuizOption[]) => options.map((o) => `${o.correct ? "[x]" : "[ ]"} ${o.text}`).join("\n");

const slotText = (max: number) => text(max).transform((v) => v.trim());

const LessonSlot = z.object({ title: slotText(LIMITS.lessonTitle), body: slotText(LIMITS.lessonBody) });
const CaseSlot = z.object({
  title: slotText(LIMITS.caseTitle),
  outcome: z.enum(CASE_OUTCOMES, { error: "validation.invalid" }),
  body: slotText(LIMITS.caseBody),
});
const QuestionSlot = z.object({
  question: slotText(LIMITS.question),
  kind: z.enum(QUESTION_KINDS, { error: "validation.invalid" }),
  options: text(MAX_OPTIONS * (LIMITS.option + 5)),
});

/**
 * One language's text in the editor. The form has a few empty slots for new lessons, case studies and
 * questions; a slot left completely empty is dropped, a half-filled one is an error.
 */
export const WorkshopTextSchema = z
  .object({
    language: z.enum(LOCALES, { error: "validation.required" }),
    title: requiredText(LIMITS.title),
    summary: requiredText(LIMITS.summary),
    introduction: requiredText(LIMITS.introduction),
    lessons: z
      .array(LessonSlot)
      .max(MAX_LESSONS * 2)
      .default([]),
    caseStudies: z
      .array(CaseSlot)
      .max(MAX_CASE_STUDIES * 2)
      .default([]),
    quiz: z
      .array(QuestionSlot)
      .max(MAX_QUESTIONS * 2)
      .default([]),
  })
  .superRefine((value, ctx) => {
    value.lessons.forEach((l, i) => {
      if (!l.title && !l.body) return;
      if (!l.title) ctx.addIssue({ code: "custom", path: ["lessons", i, "title"], message: "validation.required" });
      if (!l.body) ctx.addIssue({ code: "custom", path: ["lessons", i, "body"], message: "validation.required" });
    });
    const lessons = value.lessons.filter((l) => l.title || l.body).length;
    if (lessons < MIN_LESSONS || lessons > MAX_LESSONS)
      ctx.addIssue({ code: "custom", path: ["lessons"], message: "workshops.errors.lessonCount" });
    value.caseStudies.forEach((c, i) => {
      if (!c.title && !c.body) return;
      if (!c.title) ctx.addIssue({ code: "custom", path: ["caseStudies", i, "title"], message: "validation.required" });
      if (!c.body) ctx.addIssue({ code: "custom", path: ["caseStudies", i, "body"], message: "validation.required" });
    });
    if (value.caseStudies.filter((c) => c.title || c.body).length > MAX_CASE_STUDIES)
      ctx.addIssue({ code: "custom", path: ["caseStudies"], message: "workshops.errors.caseCount" });
    value.quiz.forEach((q, i) => {
      const options = parseOptionLines(q.options);
      if (!q.question && options.length === 0) return;
      if (!q.question) ctx.addIssue({ code: "custom", path: ["quiz", i, "question"], message: "validation.required" });
      if (options.some((o) => o.text.length > LIMITS.option))
        ctx.addIssue({ code: "custom", path: ["quiz", i, "options"], message: "validation.tooLong" });
      const problem = questionProblem({ question: q.question, kind: q.kind, options });
      if (problem) ctx.addIssue({ code: "custom", path: ["quiz", i, "options"], message: problem });
    });
    if (value.quiz.filter((q) => q.question || q.options.trim()).length > MAX_QUESTIONS)
      ctx.addIssue({ code: "custom", path: ["quiz"], message: "workshops.errors.questionCount" });
  });

export type WorkshopTextForm = z.output<typeof WorkshopTextSchema>;

/** The checked form as a text: empty slots dropped, options parsed. */
export function formToText(form: WorkshopTextForm): WorkshopText {
  return {
    title: form.title,
    summary: form.summary,
    introduction: form.introduction,
    lessons: form.lessons.filter((l) => l.title || l.body),
    caseStudies: form.caseStudies.filter((c) => c.title || c.body),
    quiz: form.quiz
      .filter((q) => q.question || q.options.trim())
      .map((q) => ({ question: q.question, kind: q.kind, options: parseOptionLines(q.options) })),
  };
}

const GROUPS = ["lessons", "caseStudies", "quiz"] as const;

/** Posted forms arrive flat ("lessons.0.title"); the schema sees { lessons: [{ title, body }, …] } in slot order. */
export function nestSlotFields(input: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const slots: Record<string, Map<number, Record<string, unknown>>> = {};
  for (const [key, value] of Object.entries(input)) {
    const m = /^(lessons|caseStudies|quiz)\.(\d+)\.([a-zA-Z]+)$/.exec(key);
    if (!m) {
      result[key] = value;
      continue;
    }
    const index = Number(m[2]);
    if (index >= 100) continue;
    const group = (slots[m[1]] ??= new Map());
    const slot = group.get(index) ?? {};
    slot[m[3]] = value;
    group.set(index, slot);
  }
  for (const group of GROUPS) {
    if (slots[group]) result[group] = [...slots[group].entries()].sort(([a], [b]) => a - b).map(([, slot]) => slot);
  }
  return result;
}

export function parseWorkshopTextForm(formData: FormData): ParseResult<WorkshopTextForm> {
  const parsed = WorkshopTextSchema.safeParse(nestSlotFields(formDataToObject(formData)));
  return parsed.success ? { success: true, data: parsed.data } : { success: false, errors: issuesToErrors(parsed.error.issues) };
}

/** Empty slots the editor form offers after the existing items. */
export const EMPTY_SLOTS = { lessons: 1, caseStudies: 1, quiz: 2 } as const;

/** The editor form's values for a text, with empty slots to add items. */
export function textToFormValues(language: Locale, t: WorkshopText | null) {
  const lessons = (t?.lessons ?? []).map((l) => ({ title: l.title, body: l.body }));
  const caseStudies = (t?.caseStudies ?? []).map((c) => ({ title: c.title, outcome: c.outcome as CaseOutcome, body: c.body }));
  const quiz = (t?.quiz ?? []).map((q) => ({ question: q.question, kind: q.kind as QuestionKind, options: optionLines(q.options) }));
  for (let i = 0; i < EMPTY_SLOTS.lessons && lessons.length < MAX_LESSONS; i++) lessons.push({ title: "", body: "" });
  for (let i = 0; i < EMPTY_SLOTS.caseStudies && caseStudies.length < MAX_CASE_STUDIES; i++)
    caseStudies.push({ title: "", outcome: "success", body: "" });
  for (let i = 0; i < EMPTY_SLOTS.quiz && quiz.length < MAX_QUESTIONS; i++) quiz.push({ question: "", kind: "single", options: "" });
  return { language, title: t?.title ?? "", summary: t?.summary ?? "", introduction: t?.introduction ?? "", lessons, caseStudies, quiz };
}

export type WorkshopFormValues = ReturnType<typeof textToFormValues>;

/** What was posted, in the form's shape, to fill the form in again after an error. */
export function postedFormValues(formData: FormData, language: Locale): WorkshopFormValues {
  const nested = nestSlotFields(Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string")));
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  const outcome = (v: unknown): CaseOutcome => (v === "failure" ? "failure" : "success");
  const kind = (v: unknown): QuestionKind => (v === "multiple" ? "multiple" : "single");
  return {
    language,
    title: str(nested.title),
    summary: str(nested.summary),
    introduction: str(nested.introduction),
    lessons: list(nested.lessons)
      .slice(0, MAX_LESSONS * 2)
      .map((l) => ({ title: str(l.title), body: str(l.body) })),
    caseStudies: list(nested.caseStudies)
      .slice(0, MAX_CASE_STUDIES * 2)
      .map((c) => ({ title: str(c.title), outcome: outcome(c.outcome), body: str(c.body) })),
    quiz: list(nested.quiz)
      .slice(0, MAX_QUESTIONS * 2)
      .map((q) => ({ question: str(q.question), kind: kind(q.kind), options: str(q.options) })),
  };
}

export const CreateWorkshopSchema = z.object({
  slug: z
    .string({ error: "validation.required" })
    .trim()
    .toLowerCase()
    .min(1, "validation.required")
    .max(60, "validation.tooLong")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "workshops.errors.slug"),
});

// ---------------------------------------------------------------------------------------------
// Employee forms

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

// ---------------------------------------------------------------------------------------------
// Live sessions (editors and HR)

export const SESSION_MODES = ["in_person", "online"] as const;

export const SessionSchema = z
  .object({
    startsAt: z.string({ error: "workshops.errors.startsAt" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "workshops.errors.startsAt"),
    durationMinutes: whole(15, 600, "workshops.errors.duration"),
    mode: z.enum(SESSION_MODES, { error: "validation.invalid" }),
    place: text(LIMITS.place).transform((v) => v.trim()),
    onlineUrl: text(LIMITS.url).transform((v) => v.trim()),
    capacity: whole(1, MAX_CAPACITY, "workshops.errors.capacity"),
  })
  .superRefine((value, ctx) => {
    if (value.mode === "in_person" && !value.place)
      ctx.addIssue({ code: "custom", path: ["place"], message: "workshops.errors.placeRequired" });
    if (value.mode === "online" && !/^https:\/\/[^\s]+$/i.test(value.onlineUrl))
      ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "workshops.errors.onlineUrl" });
  });

export const AttendanceSchema = z.object({
  sessionId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
  attended: checkboxList(z.string().min(1).max(100)),
});
