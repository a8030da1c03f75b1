/**
 * Workshop texts and settings: shapes, limits and the question check shared by the browser, the
 * actions and the library sync. The forms are in ./editor-forms and ./employee-forms. No server-only
 * imports here.
 */

export const LIMITS = {
  title: 140,
  summary: 400,
  introduction: 10_000,
  lessonTitle: 140,
  lessonBody: 20_000,
  caseTitle: 140,
  caseBody: 8000,
  question: 400,
  explanation: 600,
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
  /** Shown after a wrong answer, even while attempts remain: it explains the rule without naming the option. */
  explanation?: string;
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
