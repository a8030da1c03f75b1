/**
 * Loads content/guidelines/<slug>.<language>.md (YAML frontmatter with the title, the required flag and
 * the rules; the markdown after it is the introduction) into the database.
 *
 * - Every file is checked first; any problem (named with its file, and its line for YAML syntax or its
 *   field otherwise) stops the whole run before anything is written.
 * - A slug seen for the first time creates the document and publishes version 1 when it has the
 *   Spanish text (the organisation's default language); otherwise version 1 stays a draft.
 * - Unchanged files change nothing. Changed files become a new draft, never a change to a published
 *   version: publishing it (and so asking everyone to acknowledge again) is an editor's decision.
 *   A draft written by an earlier sync is updated in place; a draft an editor changed in the app is
 *   left alone and reported as a conflict.
 * - The required flag is only taken from the files when the document is created; afterwards editors
 *   own it in the app, and a difference is reported.
 */
import { z } from "zod";
import { type Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { createDocument, getDocumentBySlug, getVersionWithStatus } from "./documents.server";
import { insertVersion, replaceDraftTexts } from "./versions.server";
import { MARKDOWN_PROBLEM_TEXT } from "~/models/core/markdown.server";
import { LIMITS, MAX_EXAMPLES, MAX_RULES, MIN_RULES, type GuidelineText } from "./schema";
import { SLUG_PATTERN } from "~/models/core/slugs";
import { canonicalText, hashContent, textProblems, type TextsByLanguage } from "./text.server";
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
import { GUIDELINE_VERSIONS } from "~/models/core/versions.server";

export type { SyncProblem };

export type GuidelineSyncAction = LibrarySyncAction;
export type GuidelineSyncEntry = LibrarySyncEntry;
export type GuidelineSyncReport = LibrarySyncReport;

const exampleList = (what: string) =>
  z
    .array(frontmatterText(`each "${what}" example`, LIMITS.example), { error: `"${what}" must be a list of texts` })
    .max(MAX_EXAMPLES, `at most ${MAX_EXAMPLES} "${what}" examples`)
    .default([]);

const FrontmatterSchema = z
  .object({
    ...libraryFileKeys,
    title: frontmatterText("title", LIMITS.title),
    required: z.boolean({ error: "required must be true or false" }).default(false),
    rules: z
      .array(
        z.strictObject(
          {
            title: frontmatterText("title", LIMITS.ruleTitle),
            body: frontmatterText("body", LIMITS.ruleBody),
            do: exampleList("do"),
            dont: exampleList("dont"),
          },
          {
            error: (issue) =>
              issue.code === "unrecognized_keys"
                ? `unknown field(s) ${issue.keys.join(", ")} (expected title, body, do, dont)`
                : "each rule needs title, body, do and dont",
          },
        ),
        { error: "rules is missing (a list of rules)" },
      )
      .min(MIN_RULES, `needs between ${MIN_RULES} and ${MAX_RULES} rules`)
      .max(MAX_RULES, `needs between ${MIN_RULES} and ${MAX_RULES} rules`),
  })
  .strict();

/** "rules.2.body" → "rule 3 › body" (rules counted from 1, as authors count them). */
function fieldName(pathParts: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pathParts.length; i++) {
    const part = pathParts[i];
    if (part === "rules" && typeof pathParts[i + 1] === "number") {
      parts.push(`rule ${Number(pathParts[i + 1]) + 1}`);
      i++;
    } else if (typeof part === "number") parts.push(`item ${part + 1}`);
    else parts.push(String(part));
  }
  return parts.join(" › ");
}

interface ParsedFile {
  file: string;
  slug: string;
  language: Locale;
  required: boolean;
  text: GuidelineText;
}

/** One file, checked: its text, or every problem found in it. */
export function parseGuidelineFile(
  file: string,
  source: string,
): { ok: true; parsed: ParsedFile } | { ok: false; problems: SyncProblem[] } {
  const read = readFrontmatterFile(file, source, {
    schema: FrontmatterSchema,
    slugPattern: SLUG_PATTERN,
    example: "social-media-decalogue.es.md",
    fieldName,
    maxIntroduction: LIMITS.introduction,
  });
  if (!read.ok) return read;
  const { data, introduction, problems } = read;
  const text = canonicalText({ title: data.title, introduction, rules: data.rules });
  for (const [field, problem] of Object.entries(textProblems(text))) {
    problems.push({ file, field: fieldName(fieldPath(field)), message: MARKDOWN_PROBLEM_TEXT[problem] });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, parsed: { file, slug: data.slug, language: data.language, required: data.required, text } };
}

interface SlugFiles {
  slug: string;
  required: boolean;
  texts: TextsByLanguage;
}

/** Every guideline file in `dir`, checked and grouped by slug. README.md and files starting with "_" are ignored. */
export async function readGuidelineFiles(dir: string): Promise<{ slugs: SlugFiles[]; problems: SyncProblem[] }> {
  const { groups, problems } = await readLibraryFolder(dir, parseGuidelineFile);
  const slugs: SlugFiles[] = [];
  for (const [slug, group] of groups) {
    if (new Set(group.map((f) => f.required)).size > 1) {
      problems.push({
        file: group.map((f) => f.file).join(", "),
        field: "required",
        message: `the languages of "${slug}" disagree on required`,
      });
    }
    if (new Set(group.map((f) => f.text.rules.length)).size > 1) {
      problems.push({
        file: group.map((f) => f.file).join(", "),
        field: "rules",
        message: `the languages of "${slug}" have different numbers of rules (${group.map((f) => `${f.language}: ${f.text.rules.length}`).join(", ")}); translations must have the same rules`,
      });
    }
    slugs.push({ slug, required: group[0].required, texts: Object.fromEntries(group.map((f) => [f.language, f.text])) });
  }
  return { slugs, problems };
}

/** Loads the guideline files in `dir` into the database (see the top of this file for the rules). */
export async function syncGuidelines(db: DB, dir: string, options: { now?: number } = {}): Promise<GuidelineSyncReport> {
  const now = options.now ?? Date.now();
  return importSlugs(db, await readGuidelineFiles(dir), (trx, files) => syncOne(trx, files, now));
}

async function syncOne(trx: DB, files: SlugFiles, now: number): Promise<GuidelineSyncEntry> {
  const newVersion = (documentId: string, status: "draft" | "published") =>
    insertVersion(trx, { documentId, texts: files.texts, status, source: "sync", actorId: null, now });
  const document = await getDocumentBySlug(trx, files.slug);
  if (!document) {
    return importNewSlug(files.slug, files.texts, async (status) => {
      const created = await createDocument(trx, { slug: files.slug, required: files.required, actorId: null, now });
      if (!created.ok) throw new Error(`could not create guideline ${files.slug}`);
      return newVersion(created.id, status);
    });
  }
  const [draft, published] = await Promise.all([
    getVersionWithStatus(trx, document.id, "draft"),
    getVersionWithStatus(trx, document.id, "published"),
  ]);
  return importKnownSlug(trx, GUIDELINE_VERSIONS, {
    slug: files.slug,
    fileHash: hashContent(files.texts),
    draft,
    published,
    notes:
      document.required === (files.required ? 1 : 0)
        ? []
        : [`the files say required: ${files.required}, the app says ${document.required === 1}; the app's setting was kept`],
    publishedFrom: "Manage → Guidelines",
    updateDraft: (draftId) => replaceDraftTexts(trx, draftId, files.texts, "sync", null, now),
    insertDraft: () => newVersion(document.id, "draft"),
  });
}

/** The report as lines for a terminal. */
export const describeGuidelineSync = (report: GuidelineSyncReport): string[] =>
  describeLibrarySync({ plural: "guidelines", singular: "guideline" }, report);
