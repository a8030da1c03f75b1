/**
 * What every file under content/ has in common, whatever it describes (guidelines, workshops):
 * its name is <slug>.<language>.md, it starts with YAML frontmatter checked by a zod schema, the
 * markdown after the frontmatter is its introduction, and a folder's files are grouped by slug.
 */
import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import { LOCALES, type Locale } from "#db/schema";
import { SLUG_PATTERN } from "./slugs";

export interface SyncProblem {
  file: string;
  /** 1-based line in the file, for YAML syntax errors. */
  line?: number;
  /** e.g. "rule 3 › body". */
  field?: string;
  message: string;
}

/** A required frontmatter text, with messages that name the field. */
export const frontmatterText = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is missing` : `${what} must be text`) })
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`);

/** The two frontmatter fields every library file starts with, spread into each feature's schema. */
export const libraryFileKeys = {
  slug: z.string({ error: "slug is missing" }).regex(SLUG_PATTERN, "slug must be lower-case letters, digits and hyphens"),
  language: z.enum(LOCALES, { error: `language must be one of ${LOCALES.join(", ")}` }),
};

const FILE_NAME = /^(.+)\.([a-z]{2})\.md$/;

export type FrontmatterResult<T> =
  { ok: true; data: T; introduction: string; problems: SyncProblem[] } | { ok: false; problems: SyncProblem[] };

type Checked<T> = { ok: true; value: T } | { ok: false; problems: SyncProblem[] };

/** The slug and language a file's name gives, if it is <slug>.<language>.md. */
function nameParts(file: string, slugPattern: RegExp, example: string): Checked<{ slug: string; language: string }> {
  const nameMatch = FILE_NAME.exec(path.basename(file));
  if (!nameMatch || !slugPattern.test(nameMatch[1]) || !(LOCALES as readonly string[]).includes(nameMatch[2])) {
    return {
      ok: false,
      problems: [{ file, message: `file name must be <slug>.<language>.md, with language ${LOCALES.join(" or ")} (e.g. ${example})` }],
    };
  }
  return { ok: true, value: { slug: nameMatch[1], language: nameMatch[2] } };
}

/** The file split into frontmatter and markdown, or where its YAML is broken. */
function splitFrontmatter(file: string, source: string): Checked<matter.GrayMatterFile<string>> {
  const normalised = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!matter.test(normalised))
    return { ok: false, problems: [{ file, line: 1, message: "no frontmatter: the file must start with a line containing only ---" }] };
  try {
    // Options (even empty) turn off gray-matter's cache, which would hand back a shared object.
    return { ok: true, value: matter(normalised, {}) };
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    return {
      ok: false,
      problems: [
        {
          file,
          line: typeof mark?.line === "number" ? mark.line + 1 : undefined,
          message: `YAML syntax error in the frontmatter: ${reason}`,
        },
      ],
    };
  }
}

/** The checks that do not stop reading: slug or language differing from the file name, the introduction's length. */
function readableProblems(
  file: string,
  data: { slug: string; language: string },
  expected: { slug: string; language: string },
  introduction: string,
  maxIntroduction: number,
): SyncProblem[] {
  const problems: SyncProblem[] = [];
  if (data.slug !== expected.slug)
    problems.push({ file, field: "slug", message: `"${data.slug}" does not match the file name (expected "${expected.slug}")` });
  if (data.language !== expected.language)
    problems.push({
      file,
      field: "language",
      message: `"${data.language}" does not match the file name (expected "${expected.language}")`,
    });
  if (!introduction)
    problems.push({ file, field: "introduction", message: "the introduction (the markdown after the frontmatter) is empty" });
  if (introduction.length > maxIntroduction)
    problems.push({ file, field: "introduction", message: `the introduction is longer than ${maxIntroduction} characters` });
  return problems;
}

/**
 * Checks a library file's name, frontmatter and schema. On success, `problems` holds the checks that
 * do not stop reading the rest of the file (slug or language differing from the file name, an empty
 * introduction), so the caller can add its own and report them all at once.
 */
export function readFrontmatterFile<T extends { slug: string; language: string }>(
  file: string,
  source: string,
  options: {
    schema: z.ZodType<T>;
    slugPattern: RegExp;
    example: string;
    fieldName: (path: readonly PropertyKey[]) => string;
    maxIntroduction: number;
  },
): FrontmatterResult<T> {
  const name = nameParts(file, options.slugPattern, options.example);
  if (!name.ok) return name;
  const document = splitFrontmatter(file, source);
  if (!document.ok) return document;
  const parsed = options.schema.safeParse(document.value.data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file,
        field: issue.path.length ? options.fieldName(issue.path) : undefined,
        message: issue.message,
      })),
    };
  }
  const introduction = document.value.content.trim();
  const problems = readableProblems(file, parsed.data, name.value, introduction, options.maxIntroduction);
  return { ok: true, data: parsed.data, introduction, problems };
}

/** "rules.2.body" as a field path split into parts, numbers as numbers. */
export const fieldPath = (field: string): PropertyKey[] => field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Every library file in `dir` (README.md and files starting with "_" ignored), parsed by `parse` and
 * grouped by slug in name order, with the problems of the files that did not parse.
 */
export async function readLibraryFolder<P extends { slug: string; language: Locale }>(
  dir: string,
  parse: (file: string, source: string) => { ok: true; parsed: P } | { ok: false; problems: SyncProblem[] },
): Promise<{ groups: [slug: string, files: P[]][]; problems: SyncProblem[] }> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith(".md") && n.toLowerCase() !== "readme.md" && !n.startsWith("_")).sort();
  const problems: SyncProblem[] = [];
  const bySlug = new Map<string, P[]>();
  for (const name of names) {
    const file = path.join(dir, name);
    const result = parse(file, await fs.readFile(file, "utf8"));
    if (!result.ok) problems.push(...result.problems);
    else bySlug.set(result.parsed.slug, [...(bySlug.get(result.parsed.slug) ?? []), result.parsed]);
  }
  return { groups: [...bySlug], problems };
}
