/**
 * Workshop markdown: the guideline sanitiser's allow-list plus images (https only, with their alt text),
 * so lessons can show a picture; videos are plain links. Our own `marked` instance.
 */
import { Marked, type Token } from "marked";
import sanitizeHtml from "sanitize-html";
import { GUIDELINE_SANITIZE_OPTIONS } from "~/models/core/markdown.server";

const marked = new Marked({ gfm: true, breaks: false, async: false });

const base = GUIDELINE_SANITIZE_OPTIONS;

const OPTIONS: sanitizeHtml.IOptions = {
  ...base,
  allowedTags: [...((base.allowedTags as string[] | false) || []), "img"],
  allowedAttributes: { ...(base.allowedAttributes || {}), img: ["src", "alt", "title", "loading"] },
  allowedSchemesByTag: { img: ["https"] },
  transformTags: {
    ...base.transformTags,
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy" } }),
  },
};

/** Markdown as safe HTML: no raw HTML or scripts; links http(s)/mailto/site paths; images from https only. */
export function renderWorkshopMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, OPTIONS);
}

const SAFE_HREF = /^(https?:|mailto:|\/(?!\/)|#)/i;

export type WorkshopMarkdownProblem = "workshops.errors.rawHtml" | "workshops.errors.unsafeLink" | "workshops.errors.unsafeImage";

/** What the renderer would silently drop, reported to the author instead. */
export function workshopMarkdownProblems(markdown: string): WorkshopMarkdownProblem[] {
  const problems = new Set<WorkshopMarkdownProblem>();
  const tokens: Token[] = marked.lexer(markdown);
  marked.walkTokens(tokens, (token) => {
    if (token.type === "html") problems.add("workshops.errors.rawHtml");
    if (token.type === "image" && !/^https:\/\//i.test(token.href.trim())) problems.add("workshops.errors.unsafeImage");
    if (token.type === "link" && !SAFE_HREF.test(token.href.trim())) problems.add("workshops.errors.unsafeLink");
  });
  return [...problems];
}

/** Developer-facing wording, for the content sync's report. */
export const WORKSHOP_MARKDOWN_PROBLEM_TEXT: Record<WorkshopMarkdownProblem, string> = {
  "workshops.errors.rawHtml": "raw HTML is not allowed in markdown (it would be removed); use markdown instead",
  "workshops.errors.unsafeLink": "links must start with http://, https://, mailto: or /",
  "workshops.errors.unsafeImage": "images must be https:// addresses",
};
