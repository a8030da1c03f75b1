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
import { LOCALES, type Locale } from "#db/schema";
import { inTransaction, type DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
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
import { fieldPath, readLibraryFolder, readFrontmatterFile, type SyncProblem } from "~/models/core/library-files.server";

export type { SyncProblem };

export type WorkshopSyncAction = "created" | "new-draft" | "draft-updated" | "draft-discarded" | "unchanged" | "conflict";

export interface WorkshopSyncEntry {
  slug: string;
  action: WorkshopSyncAction;
  version: number | null;
  published: boolean;
  notes: string[];
}

export interface WorkshopSyncReport {
  ok: boolean;
  problems: SyncProblem[];
  entries: WorkshopSyncEntry[];
}

const str = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is missing` : `${what} must be text`) })
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`);

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
    slug: z.string({ error: "slug is missing" }).regex(SLUG_PATTERN, "slug must be lower-case letters, digits and hyphens"),
    language: z.enum(LOCALES, { error: `language must be one of ${LOCALES.join(", ")}` }),
    title: str("title", LIMITS.title),
    summary: str("summary", LIMITS.summary),
    durationMinutes: int("durationMinutes", 5, 600),
    required: z.boolean({ error: "required must be true or false" }).default(false),
    dueDays: int("dueDays", 1, MAX_DUE_DAYS).nullable().default(null),
    passMark: int("passMark", 0, 100).default(70),
    maxAttempts: int("maxAttempts", 1, MAX_ATTEMPTS_LIMIT).nullable().default(null),
    lessons: z
      .array(
        z.strictObject(
          { title: str("title", LIMITS.lessonTitle), body: str("body", LIMITS.lessonBody) },
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
            title: str("title", LIMITS.caseTitle),
            outcome: z.enum(CASE_OUTCOMES, { error: "outcome must be success or failure" }),
            body: str("body", LIMITS.caseBody),
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
            question: str("question", LIMITS.question),
            kind: z.enum(QUESTION_KINDS, { error: "kind must be single or multiple" }),
            options: z
              .array(
                z.strictObject(
                  { text: str("text", LIMITS.option), correct: z.boolean({ error: "correct must be true or false" }) },
                  { error: unknownKeys("text, correct") },
                ),
                {
                  error: "options must be a list",
                },
              )
              .min(MIN_OPTIONS, `needs between ${MIN_OPTIONS} and ${MAX_OPTIONS} options`)
              .max(MAX_OPTIONS, `needs between ${MIN_OPTIONS} and ${MAX_OPTIONS} options`),
          },
          { error: unknownKeys("question, kind, options") },
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
  const { slugs, problems } = await readWorkshopFiles(dir);
  if (problems.length) return { ok: false, problems, entries: [] };
  const entries = await inTransaction(db, async (trx) => {
    const done: WorkshopSyncEntry[] = [];
    for (const files of slugs) done.push(await syncOne(trx, files, now));
    return done;
  });
  return { ok: true, problems: [], entries };
}

async function syncOne(trx: DB, files: SlugFiles, now: number): Promise<WorkshopSyncEntry> {
  const fileHash = hashContent(files.settings, files.texts);
  const entry = (action: WorkshopSyncAction, version: number | null, published = false, notes: string[] = []): WorkshopSyncEntry => ({
    slug: files.slug,
    action,
    version,
    published,
    notes,
  });
  const workshop = await getWorkshopBySlug(trx, files.slug);
  if (!workshop) {
    const created = await createWorkshop(trx, { slug: files.slug, actorId: null, now });
    if (!created.ok) throw new Error(`could not create workshop ${files.slug}`);
    const publish = Boolean(files.texts[DEFAULT_LOCALE]);
    const version = await insertVersion(trx, {
      workshopId: created.id,
      settings: files.settings,
      texts: files.texts,
      status: publish ? "published" : "draft",
      source: "sync",
      actorId: null,
      now,
    });
    return entry("created", version.version, publish, publish ? [] : [`not published: it has no ${DEFAULT_LOCALE} text`]);
  }
  const [draft, published] = await Promise.all([
    getVersionWithStatus(trx, workshop.id, "draft"),
    getVersionWithStatus(trx, workshop.id, "published"),
  ]);
  if (draft) {
    if (draft.content_hash === fileHash)
      return entry("unchanged", draft.version, false, [`draft version ${draft.version} is waiting to be published`]);
    if (draft.source === "editor") {
      return entry("conflict", draft.version, false, [
        `draft version ${draft.version} was edited in the app, so the files' changes were not imported; publish or discard that draft and sync again`,
      ]);
    }
    if (published && published.content_hash === fileHash) {
      await trx.deleteFrom("workshop_versions").where("id", "=", draft.id).execute();
      return entry("draft-discarded", published.version, true, [`the files match published version ${published.version} again`]);
    }
    await replaceDraft(trx, draft.id, files.settings, files.texts, "sync", null, now);
    return entry("draft-updated", draft.version);
  }
  if (published && published.content_hash === fileHash) return entry("unchanged", published.version, true);
  const version = await insertVersion(trx, {
    workshopId: workshop.id,
    settings: files.settings,
    texts: files.texts,
    status: "draft",
    source: "sync",
    actorId: null,
    now,
  });
  return entry("new-draft", version.version, false, ["an editor publishes it from Manage → Workshops"]);
}

/** The report as lines for a terminal. */
export function describeWorkshopSync(report: WorkshopSyncReport): string[] {
  if (!report.ok) {
    return [
      "workshops: nothing was changed; fix these problems first:",
      ...report.problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ""}: ${p.field ? `${p.field}: ` : ""}${p.message}`),
    ];
  }
  if (report.entries.length === 0) return ["workshops: no workshop files found"];
  const verb: Record<WorkshopSyncAction, (e: WorkshopSyncEntry) => string> = {
    created: (e) => `created, version ${e.version} ${e.published ? "published" : "saved as a draft"}`,
    "new-draft": (e) => `changed: new draft version ${e.version}`,
    "draft-updated": (e) => `changed: draft version ${e.version} updated`,
    "draft-discarded": () => "draft discarded",
    unchanged: (e) => `unchanged (version ${e.version})`,
    conflict: () => "not imported",
  };
  return report.entries.map((e) => `workshops: ${e.slug}: ${verb[e.action](e)}${e.notes.length ? ` (${e.notes.join("; ")})` : ""}`);
}
