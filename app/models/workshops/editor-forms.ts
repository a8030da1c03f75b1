/** The editors' forms (settings, texts in slots, a new workshop, live sessions and attendance), for the browser and the actions. */
import * as z from "zod";
import { LOCALES, type Locale } from "#db/schema";
import { formDataToObject, issuesToErrors, type ParseResult } from "~/utils/forms";
import { checkboxList, requiredText } from "~/utils/form-fields";
import {
  CASE_OUTCOMES,
  LIMITS,
  MAX_ATTEMPTS_LIMIT,
  MAX_CAPACITY,
  MAX_CASE_STUDIES,
  MAX_DUE_DAYS,
  MAX_LESSONS,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  MIN_LESSONS,
  QUESTION_KINDS,
  questionProblem,
  type CaseOutcome,
  type QuestionKind,
  type QuizOption,
  type WorkshopText,
} from "./schema";

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
  explanation: slotText(LIMITS.explanation).optional(),
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
      .map((q) => ({
        question: q.question,
        kind: q.kind,
        options: parseOptionLines(q.options),
        ...(q.explanation ? { explanation: q.explanation } : {}),
      })),
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
  const quiz = (t?.quiz ?? []).map((q) => ({
    question: q.question,
    kind: q.kind as QuestionKind,
    options: optionLines(q.options),
    explanation: q.explanation ?? "",
  }));
  for (let i = 0; i < EMPTY_SLOTS.lessons && lessons.length < MAX_LESSONS; i++) lessons.push({ title: "", body: "" });
  for (let i = 0; i < EMPTY_SLOTS.caseStudies && caseStudies.length < MAX_CASE_STUDIES; i++)
    caseStudies.push({ title: "", outcome: "success", body: "" });
  for (let i = 0; i < EMPTY_SLOTS.quiz && quiz.length < MAX_QUESTIONS; i++)
    quiz.push({ question: "", kind: "single", options: "", explanation: "" });
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
      .map((q) => ({ question: str(q.question), kind: kind(q.kind), options: str(q.options), explanation: str(q.explanation) })),
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
