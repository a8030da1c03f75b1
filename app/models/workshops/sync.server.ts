/**
 * Loads content/workshops/<slug>.<language>.md into the database: YAML frontmatter with the settings,
 * lessons, case studies and quiz; the markdown after it is the introduction.
 *
 * Same rules as the guideline sync: every file is checked first and any problem stops the run before
 * anything is written; a new slug is created and version 1 published when it has the Spanish text;
 * unchanged files change nothing; changed files (texts or settings) become a draft that an editor
 * publishes, never a change to the published version. A sync-made draft is updated in place; a draft
 * edited in the app is left alone and reported as a conflict.
 */
import { z } from "zod";
import { type Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { createWorkshop, getVersionWithStatus, getWorkshopBySlug } from "./workshops.server";
import { insertVersion, replaceDraft } from "./versions.server";
import { MARKDOWN_PROBLEM_TEXT } from "~/models/core/markdown.server";
import {
  CASE_OUTCOMES,
  LIMITS,
  MAX_ATTEMPTS_LIMIT,
  MAX_CASE_STUDIES,
  MAX_DUE_DAYS,
  MAX_LESSONS,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  MIN_LESSONS,
  MIN_OPTIONS,
  QUESTION_KINDS,
  questionProblem,
  type WorkshopSettings,
  type WorkshopText,
} from "./schema";
import { SLUG_PATTERN } from "~/models/core/slugs";
import { canonicalText, hashContent, structureProblem, textProblems, type TextsByLanguage } from "./text.server";
import {
  fieldPath,
  frontmatterText,
  libraryFileKeys,
  readLibraryFolder,
  readFrontmatterFile,
  type SyncProblem,
} from "~/models/core/library-files.server";
import {
  describeLibrarySync,
  importKnownSlug,
  importNewSlug,
  importSlugs,
  type LibrarySyncAction,
  type LibrarySyncEntry,
  type LibrarySyncReport,
} from "~/models/core/library-import.server";
import { WORKSHOP_VERSIONS } from "~/models/core/versions.server";

export type { SyncProblem };

export type WorkshopSyncAction = LibrarySyncAction;
export type WorkshopSyncEntry = LibrarySyncEntry;
export type WorkshopSyncReport = LibrarySyncReport;

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be between ${min} and ${max}`)
    .max(max, `${what} must be between ${min} and ${max}`);

const unknownKeys = (expected: string) => (issue: { code: string; keys?: string[] }) =>
  issue.code === "unrecognized_keys"
    ? `unknown field(s) ${(issue.keys ?? []).join(", ")} (expected ${expected})`
    : `must be an object with ${expected}`;

const FrontmatterSchema = z
  .object({
    ...libraryFileKeys,
    title: frontmatterText("title", LIMITS.title),
    summary: frontmatterText("summary", LIMITS.summary),
    durationMinutes: int("durationMinutes", 5, 600),
    required: z.boolean({ error: "required must be true or false" }).default(false),
    dueDays: int("dueDays", 1, MAX_DUE_DAYS).nullable().default(null),
    passMark: int("passMark", 0, 100).default(70),
    maxAttempts: int("maxAttempts", 1, MAX_ATTEMPTS_LIMIT).nullable().default(null),
    lessons: z
      .array(
        z.strictObject(
          { title: frontmatterText("title", LIMITS.lessonTitle), body: frontmatterText("body", LIMITS.lessonBody) },
          { error: unknownKeys("title, body") },
        ),
        {
          error: "lessons is missing (a list of lessons)",
        },
      )
      .min(MIN_LESSONS, `needs between ${MIN_LESSONS} and ${MAX_LESSONS} lessons`)
      .max(MAX_LESSONS, `needs between ${MIN_LESSONS} and ${MAX_LESSONS} lessons`),
    caseStudies: z
      .array(
        z.strictObject(
          {
            title: frontmatterText("title", LIMITS.caseTitle),
            outcome: z.enum(CASE_OUTCOMES, { error: "outcome must be success or failure" }),
            body: frontmatterText("body", LIMITS.caseBody),
          },
          { error: unknownKeys("title, outcome, body") },
        ),
        { error: "caseStudies must be a list" },
      )
      .max(MAX_CASE_STUDIES, `at most ${MAX_CASE_STUDIES} case studies`)
      .default([]),
    quiz: z
      .array(
        z.strictObject(
          {
            question: frontmatterText("question", LIMITS.question),
            kind: z.enum(QUESTION_KINDS, { error: "kind must be single or multiple" }),
            options: z
              .array(
                z.strictObject(
                  { text: frontmatterText("text", LIMITS.option), correct: z.boolean({ error: "correct must be true or false" }) },
                  { error: unknownKeys("text, correct") },
                ),
                {
                  error: "options must be a list",
                },
              )
              .min(MIN_OPTIONS, `needs between ${MIN_OPTIONS} and ${MAX_OPTIONS} options`)
              .max(MAX_OPTIONS, `needs between ${MIN_OPTIONS} and ${MAX_OPTIONS} options`),
            explanation: frontmatterText("explanation", LIMITS.explanation).optional(),
          },
          { error: unknownKeys("question, kind, options, explanation") },
        ),
        { error: "quiz must be a list" },
      )
      .max(MAX_QUESTIONS, `at most ${MAX_QUESTIONS} questions`)
      .default([]),
  })
  .strict();

const SETTINGS_TEXT: Record<string, string> = {
  "workshops.errors.tooFewOptions": `needs at least ${MIN_OPTIONS} options`,
  "workshops.errors.tooManyOptions": `at most ${MAX_OPTIONS} options`,
  "workshops.errors.singleNeedsOne": "a single-choice question needs exactly one correct option",
  "workshops.errors.multipleNeedsOne": "a multiple-choice question needs at least one correct option",
};

/** "lessons.2.body" → "lesson 3 › body". */
function fieldName(parts: readonly PropertyKey[]): string {
  const names: Record<string, string> = { lessons: "lesson", caseStudies: "case study", quiz: "question", options: "option" };
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = String(parts[i]);
    if (names[part] && typeof parts[i + 1] === "number") {
      out.push(`${names[part]} ${Number(parts[i + 1]) + 1}`);
      i++;
    } else if (/^\d+$/.test(part) && names[String(parts[i - 1])]) {
      out.push(`${names[String(parts[i - 1])]} ${Number(part) + 1}`);
    } else out.push(part);
  }
  return out.join(" › ");
}

interface ParsedFile {
  file: string;
  slug: string;
  language: Locale;
  settings: WorkshopSettings;
  text: WorkshopText;
}

/** One file, checked: its settings and text, or every problem found in it. */
export function parseWorkshopFile(file: string, source: string): { ok: true; parsed: ParsedFile } | { ok: false; problems: SyncProblem[] } {
  const read = readFrontmatterFile(file, source, {
    schema: FrontmatterSchema,
    slugPattern: SLUG_PATTERN,
    example: "customer-conversations.es.md",
    fieldName,
    maxIntroduction: LIMITS.introduction,
  });
  if (!read.ok) return read;
  const { data, introduction, problems } = read;
  if (data.required && data.dueDays === null)
    problems.push({ file, field: "dueDays", message: "a required workshop needs dueDays (days after joining)" });
  const text = canonicalText({
    title: data.title,
    summary: data.summary,
    introduction,
    lessons: data.lessons,
    caseStudies: data.caseStudies,
    quiz: data.quiz,
  });
  text.quiz.forEach((q, i) => {
    const problem = questionProblem(q);
    if (problem) problems.push({ file, field: `question ${i + 1}`, message: SETTINGS_TEXT[problem] ?? problem });
  });
  for (const [field, problem] of Object.entries(textProblems(text))) {
    problems.push({ file, field: fieldName(fieldPath(field)), message: MARKDOWN_PROBLEM_TEXT[problem] });
  }
  if (problems.length) return { ok: false, problems };
  const settings: WorkshopSettings = {
    required: data.required,
    dueDays: data.dueDays,
    durationMinutes: data.durationMinutes,
    passMark: data.passMark,
    maxAttempts: data.maxAttempts,
  };
  return { ok: true, parsed: { file, slug: data.slug, language: data.language, settings, text } };
}

interface SlugFiles {
  slug: string;
  settings: WorkshopSettings;
  texts: TextsByLanguage;
}

/** Every workshop file in `dir`, checked and grouped by slug. README.md and files starting with "_" are ignored. */
export async function readWorkshopFiles(dir: string): Promise<{ slugs: SlugFiles[]; problems: SyncProblem[] }> {
  const { groups, problems } = await readLibraryFolder(dir, parseWorkshopFile);
  const slugs: SlugFiles[] = [];
  for (const [slug, group] of groups) {
    const fileList = group.map((f) => f.file).join(", ");
    for (const key of ["required", "dueDays", "durationMinutes", "passMark", "maxAttempts"] as const) {
      if (new Set(group.map((f) => f.settings[key])).size > 1)
        problems.push({ file: fileList, field: key, message: `the languages of "${slug}" disagree on ${key}` });
    }
    const texts: TextsByLanguage = Object.fromEntries(group.map((f) => [f.language, f.text]));
    if (structureProblem(texts)) {
      problems.push({
        file: fileList,
        message: `the languages of "${slug}" differ in structure: translations need the same number of lessons, the same case study outcomes and the same quiz (question kinds, options and which are correct)`,
      });
    }
    slugs.push({ slug, settings: group[0].settings, texts });
  }
  return { slugs, problems };
}

/** Loads the workshop files in `dir` into the database (see the top of this file for the rules). */
export async function syncWorkshops(db: DB, dir: string, options: { now?: number } = {}): Promise<WorkshopSyncReport> {
  const now = options.now ?? Date.now();
  return importSlugs(db, await readWorkshopFiles(dir), (trx, files) => syncOne(trx, files, now));
}

async function syncOne(trx: DB, files: SlugFiles, now: number): Promise<WorkshopSyncEntry> {
  const newVersion = (workshopId: string, status: "draft" | "published") =>
    insertVersion(trx, { workshopId, settings: files.settings, texts: files.texts, status, source: "sync", actorId: null, now });
  const workshop = await getWorkshopBySlug(trx, files.slug);
  if (!workshop) {
    return importNewSlug(files.slug, files.texts, async (status) => {
      const created = await createWorkshop(trx, { slug: files.slug, actorId: null, now });
      if (!created.ok) throw new Error(`could not create workshop ${files.slug}`);
      return newVersion(created.id, status);
    });
  }
  const [draft, published] = await Promise.all([
    getVersionWithStatus(trx, workshop.id, "draft"),
    getVersionWithStatus(trx, workshop.id, "published"),
  ]);
  return importKnownSlug(trx, WORKSHOP_VERSIONS, {
    slug: files.slug,
    fileHash: hashContent(files.settings, files.texts),
    draft,
    published,
    notes: [],
    publishedFrom: "Manage → Workshops",
    updateDraft: (draftId) => replaceDraft(trx, draftId, files.settings, files.texts, "sync", null, now),
    insertDraft: () => newVersion(workshop.id, "draft"),
  });
}

/** The report as lines for a terminal. */
export const describeWorkshopSync = (report: WorkshopSyncReport): string[] =>
  describeLibrarySync({ plural: "workshops", singular: "workshop" }, report);
