/** Guideline markdown: rendered on the server and sanitised; content checks shared by the editor and the sync. */
import { Marked, type Token } from "marked";
import sanitizeHtml from "sanitize-html";

// Our own instance, so options set here never leak into other features' markdown.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const LINK_SCHEMES = ["http", "https", "mailto"];

/** Links to other sites open in a new tab and pass on nothing; links within Altavoz stay in place. */
const linkAttributes = (tagName: string, attribs: sanitizeHtml.Attributes) => ({
  tagName,
  attribs: attribs.href?.startsWith("/") ? attribs : { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" },
});

const BLOCK: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "hr"],
  allowedAttributes: { a: ["href", "title", "rel", "target"] },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // The page's own headings (document title, rule titles) stay above anything written in the text.
  transformTags: { h1: "h3", h2: "h3", h5: "h4", h6: "h4", a: linkAttributes },
  disallowedTagsMode: "discard",
};

/** The block allow-list, for features that build on it (workshops add images). */
export const GUIDELINE_SANITIZE_OPTIONS: Readonly<sanitizeHtml.IOptions> = BLOCK;

const INLINE: sanitizeHtml.IOptions = { ...BLOCK, allowedTags: ["strong", "em", "del", "a", "code", "br"] };

/** Markdown as safe HTML: no raw HTML, scripts, images or links other than http(s) and mailto survive. */
export function renderGuidelineMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, BLOCK);
}

/** One line of inline markdown (a do/don't example) as safe HTML. */
export function renderGuidelineInline(markdown: string): string {
  return sanitizeHtml(marked.parseInline(markdown) as string, INLINE);
}

const SAFE_HREF = /^(https?:|mailto:|\/(?!\/)|#)/i;

export type MarkdownProblem = "guidelines.errors.rawHtml" | "guidelines.errors.unsafeLink" | "guidelines.errors.image";

/**
 * What the renderer would silently drop, reported instead so the author can fix it: raw HTML,
 * images, and links that are not http(s), mailto or a path on this site.
 */
export function markdownProblems(markdown: string, inline = false): MarkdownProblem[] {
  const problems = new Set<MarkdownProblem>();
  const tokens: Token[] = inline ? marked.Lexer.lexInline(markdown) : marked.lexer(markdown);
  marked.walkTokens(tokens, (token) => {
    if (token.type === "html") problems.add("guidelines.errors.rawHtml");
    if (token.type === "image") problems.add("guidelines.errors.image");
    if (token.type === "link" && !SAFE_HREF.test(token.href.trim())) problems.add("guidelines.errors.unsafeLink");
  });
  return [...problems];
}

/** Developer-facing wording of a problem, for the content sync's report. */
export const MARKDOWN_PROBLEM_TEXT: Record<MarkdownProblem, string> = {
  "guidelines.errors.rawHtml": "raw HTML is not allowed in markdown (it would be removed); use markdown instead",
  "guidelines.errors.unsafeLink": "links must start with http://, https://, mailto: or /",
  "guidelines.errors.image": "images are not allowed in guideline texts",
};
