/** A guideline text's canonical form, its hash (what an acknowledgement records), checks and rendering. */
import { LOCALES, type Locale } from "#db/schema";
import { sha256 } from "~/utils/crypto.server";
import { markdownProblems, renderGuidelineInline, renderGuidelineMarkdown, type MarkdownProblem } from "~/models/core/markdown.server";
import type { GuidelineRule, GuidelineText } from "./schema";

const clean = (value: string) => value.replace(/\r\n?/g, "\n").trim();

/** Line endings and surrounding white space do not count: the same words give the same text (and hash). */
export function canonicalText(text: GuidelineText): GuidelineText {
  return {
    title: clean(text.title),
    introduction: clean(text.introduction),
    rules: text.rules.map((rule) => ({
      title: clean(rule.title),
      body: clean(rule.body),
      do: rule.do.map(clean).filter(Boolean),
      dont: rule.dont.map(clean).filter(Boolean),
    })),
  };
}

/** SHA-256 of the exact text in one language (title, introduction and every rule, in order). */
export function hashText(text: GuidelineText): string {
  const c = canonicalText(text);
  return sha256(
    JSON.stringify({
      title: c.title,
      introduction: c.introduction,
      rules: c.rules.map((r) => ({ title: r.title, body: r.body, do: r.do, dont: r.dont })),
    }),
  );
}

export type TextsByLanguage = Partial<Record<Locale, GuidelineText>>;

/** One hash over every language's text, to tell whether a version (or a set of content files) changed. */
export function hashContent(texts: TextsByLanguage): string {
  return sha256(JSON.stringify(LOCALES.map((language) => [language, texts[language] ? hashText(texts[language]) : null])));
}

/** Markdown that would lose something when rendered, keyed by the editor form's field names. */
export function textProblems(text: GuidelineText): Record<string, MarkdownProblem> {
  const problems: Record<string, MarkdownProblem> = {};
  const check = (field: string, markdown: string, inline = false) => {
    const [first] = markdownProblems(markdown, "guideline", { inline });
    if (first) problems[field] ??= first;
  };
  check("introduction", text.introduction);
  text.rules.forEach((rule, i) => {
    check(`rules.${i}.title`, rule.title, true);
    check(`rules.${i}.body`, rule.body);
    rule.do.forEach((item) => check(`rules.${i}.do`, item, true));
    rule.dont.forEach((item) => check(`rules.${i}.dont`, item, true));
  });
  return problems;
}

/** Rules as stored (JSON); anything malformed is dropped rather than breaking the page. */
export function parseRules(json: string): GuidelineRule[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  return value
    .filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === "object")
    .map((r) => ({ title: String(r.title ?? ""), body: String(r.body ?? ""), do: strings(r.do), dont: strings(r.dont) }));
}

export const serialiseRules = (rules: GuidelineRule[]) =>
  JSON.stringify(rules.map((r) => ({ title: r.title, body: r.body, do: r.do, dont: r.dont })));

export interface PresentedText {
  title: string;
  introductionHtml: string;
  rules: { title: string; bodyHtml: string; do: string[]; dont: string[] }[];
}

/** Rendered, sanitised HTML for reading. */
export function presentText(text: GuidelineText): PresentedText {
  return {
    title: text.title,
    introductionHtml: renderGuidelineMarkdown(text.introduction),
    rules: text.rules.map((rule) => ({
      title: rule.title,
      bodyHtml: renderGuidelineMarkdown(rule.body),
      do: rule.do.map(renderGuidelineInline),
      dont: rule.dont.map(renderGuidelineInline),
    })),
  };
}

/** The problems as the editor form's translated error keys. */
export const problemErrors = (problems: Record<string, MarkdownProblem>): Record<string, string> =>
  Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, `guidelines.errors.${problem}`]));
