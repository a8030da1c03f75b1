/** Workshop texts: canonical form, hashes, checks, storage (JSON) and what a reader is shown. */
import { LOCALES, type Locale } from "#db/schema";
import { sha256 } from "~/utils/crypto.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { markdownProblems, renderLessonMarkdown, type MarkdownProblem } from "~/models/core/markdown.server";
import {
  CASE_OUTCOMES,
  QUESTION_KINDS,
  type CaseStudy,
  type QuizQuestion,
  type WorkshopLesson,
  type WorkshopSettings,
  type WorkshopText,
} from "./schema";

const clean = (value: string) => value.replace(/\r\n?/g, "\n").trim();

export function canonicalText(text: WorkshopText): WorkshopText {
  return {
    title: clean(text.title),
    summary: clean(text.summary),
    introduction: clean(text.introduction),
    lessons: text.lessons.map((l) => ({ title: clean(l.title), body: clean(l.body) })),
    caseStudies: text.caseStudies.map((c) => ({ title: clean(c.title), outcome: c.outcome, body: clean(c.body) })),
    quiz: text.quiz.map((q) => ({
      question: clean(q.question),
      kind: q.kind,
      options: q.options.map((o) => ({ text: clean(o.text), correct: o.correct })),
      // Only when there is one, so texts written before explanations existed keep their hash.
      ...(q.explanation?.trim() ? { explanation: clean(q.explanation) } : {}),
    })),
  };
}

export function hashText(text: WorkshopText): string {
  return sha256(JSON.stringify(canonicalText(text)));
}

export type TextsByLanguage = Partial<Record<Locale, WorkshopText>>;

const canonicalSettings = (s: WorkshopSettings) => ({
  required: s.required,
  dueDays: s.dueDays,
  durationMinutes: s.durationMinutes,
  passMark: s.passMark,
  maxAttempts: s.maxAttempts,
});

/** One hash over the settings and every language's text, to tell whether a version (or its files) changed. */
export function hashContent(settings: WorkshopSettings, texts: TextsByLanguage): string {
  return sha256(
    JSON.stringify({ settings: canonicalSettings(settings), texts: LOCALES.map((l) => [l, texts[l] ? hashText(texts[l]) : null]) }),
  );
}

/** Markdown problems keyed by field ("lessons.2.body"). */
export function textProblems(text: WorkshopText): Record<string, MarkdownProblem> {
  const problems: Record<string, MarkdownProblem> = {};
  const check = (field: string, markdown: string) => {
    const [first] = markdownProblems(markdown, "lesson");
    if (first) problems[field] ??= first;
  };
  check("introduction", text.introduction);
  text.lessons.forEach((l, i) => check(`lessons.${i}.body`, l.body));
  text.caseStudies.forEach((c, i) => check(`caseStudies.${i}.body`, c.body));
  return problems;
}

/**
 * Translations must have the same structure: lessons are numbered the same in every language (progress
 * is kept by number) and the quiz is scored the same whichever language a person reads.
 */
export function structureProblem(texts: TextsByLanguage): string | null {
  const present = LOCALES.flatMap((l) => (texts[l] ? [texts[l]] : []));
  if (present.length < 2) return null;
  const shape = (t: WorkshopText) =>
    JSON.stringify({
      lessons: t.lessons.length,
      cases: t.caseStudies.map((c) => c.outcome),
      quiz: t.quiz.map((q) => [q.kind, q.options.map((o) => o.correct)]),
    });
  const first = shape(present[0]);
  return present.every((t) => shape(t) === first) ? null : "workshops.errors.translationsDiffer";
}

/** Why a draft cannot be published yet, or null. */
export function publishProblem(texts: TextsByLanguage): string | null {
  if (!texts[DEFAULT_LOCALE]) return "workshops.errors.needsDefaultLanguage";
  return structureProblem(texts);
}

// ---------------------------------------------------------------------------------------------
// Storage

function parseArray(json: string): Record<string, unknown>[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => Boolean(v) && typeof v === "object") : [];
  } catch {
    return [];
  }
}

export const parseLessons = (json: string): WorkshopLesson[] =>
  parseArray(json).map((l) => ({ title: String(l.title ?? ""), body: String(l.body ?? "") }));

export const parseCaseStudies = (json: string): CaseStudy[] =>
  parseArray(json).map((c) => ({
    title: String(c.title ?? ""),
    outcome: (CASE_OUTCOMES as readonly unknown[]).includes(c.outcome) ? (c.outcome as CaseStudy["outcome"]) : "success",
    body: String(c.body ?? ""),
  }));

export const parseQuiz = (json: string): QuizQuestion[] =>
  parseArray(json).map((q) => ({
    question: String(q.question ?? ""),
    kind: (QUESTION_KINDS as readonly unknown[]).includes(q.kind) ? (q.kind as QuizQuestion["kind"]) : "single",
    options: (Array.isArray(q.options) ? q.options : [])
      .filter((o): o is Record<string, unknown> => Boolean(o) && typeof o === "object")
      .map((o) => ({ text: String(o.text ?? ""), correct: o.correct === true })),
    ...(typeof q.explanation === "string" && q.explanation.trim() ? { explanation: q.explanation } : {}),
  }));

export function serialiseText(text: WorkshopText) {
  return {
    title: text.title,
    summary: text.summary,
    introduction_md: text.introduction,
    lessons_json: JSON.stringify(text.lessons.map((l) => ({ title: l.title, body: l.body }))),
    case_studies_json: JSON.stringify(text.caseStudies.map((c) => ({ title: c.title, outcome: c.outcome, body: c.body }))),
    quiz_json: JSON.stringify(
      text.quiz.map((q) => ({
        question: q.question,
        kind: q.kind,
        options: q.options.map((o) => ({ text: o.text, correct: o.correct })),
        ...(q.explanation?.trim() ? { explanation: q.explanation } : {}),
      })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A question as the reader sees it: the options' texts and nothing about which are right. */
export interface PresentedQuestion {
  question: string;
  kind: QuizQuestion["kind"];
  options: string[];
}

export interface PresentedWorkshop {
  title: string;
  summary: string;
  introductionHtml: string;
  lessons: { number: number; title: string; bodyHtml: string }[];
  caseStudies: { title: string; outcome: CaseStudy["outcome"]; bodyHtml: string }[];
  quiz: PresentedQuestion[];
}

/** Rendered, sanitised HTML for reading. The quiz loses its correct flags here, before anything reaches a page. */
export function presentWorkshop(text: WorkshopText): PresentedWorkshop {
  return {
    title: text.title,
    summary: text.summary,
    introductionHtml: renderLessonMarkdown(text.introduction),
    lessons: text.lessons.map((l, i) => ({ number: i + 1, title: l.title, bodyHtml: renderLessonMarkdown(l.body) })),
    caseStudies: text.caseStudies.map((c) => ({ title: c.title, outcome: c.outcome, bodyHtml: renderLessonMarkdown(c.body) })),
    quiz: text.quiz.map((q) => ({ question: q.question, kind: q.kind, options: q.options.map((o) => o.text) })),
  };
}

/** The problems as the editor form's translated error keys. */
export const problemErrors = (problems: Record<string, MarkdownProblem>): Record<string, string> =>
  Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, `workshops.errors.${problem}`]));
