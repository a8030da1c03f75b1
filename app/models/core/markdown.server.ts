/**
 * The one markdown renderer: editors' and authors' markdown as sanitised HTML, rendered on the server.
 * Each flavour is a row of options; the checks report what the sanitiser would silently drop.
 */
import { Marked, type Token } from "marked";
import sanitizeHtml from "sanitize-html";

// Our own instance, so options set here never leak into other code using `marked`.
const marked = new Marked({ gfm: true, async: false });

export type MarkdownFlavour = "commentary" | "guideline" | "lesson";

interface Flavour {
  /** Single line breaks become <br> (commentary is written like a post). */
  breaks: boolean;
  /** Images allowed (from https only). */
  images: boolean;
  /** Links to a path on this site stay in the same tab. */
  localLinksInPlace: boolean;
}

const FLAVOURS: Record<MarkdownFlavour, Flavour> = {
  commentary: { breaks: true, images: false, localLinksInPlace: false },
  guideline: { breaks: false, images: false, localLinksInPlace: true },
  lesson: { breaks: false, images: true, localLinksInPlace: true },
};

const BLOCK_TAGS = ["p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "hr"];
const INLINE_TAGS = ["strong", "em", "del", "a", "code", "br"];

function sanitizeOptions(flavour: Flavour, inline: boolean): sanitizeHtml.IOptions {
  const link = (tagName: string, attribs: sanitizeHtml.Attributes) => ({
    tagName,
    attribs:
      flavour.localLinksInPlace && attribs.href?.startsWith("/")
        ? attribs
        : { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" },
  });
  return {
    allowedTags: inline ? INLINE_TAGS : flavour.images ? [...BLOCK_TAGS, "img"] : BLOCK_TAGS,
    allowedAttributes: { a: ["href", "title", "rel", "target"], ...(flavour.images ? { img: ["src", "alt", "title", "loading"] } : {}) },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesAppliedToAttributes: ["href", "src"],
    ...(flavour.images ? { allowedSchemesByTag: { img: ["https"] } } : {}),
    allowProtocolRelative: false,
    // The page's own headings (titles, rule titles) stay above anything written in the text.
    transformTags: {
      h1: "h3",
      h2: "h3",
      h5: "h4",
      h6: "h4",
      a: link,
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy" } }),
    },
    disallowedTagsMode: "discard",
  };
}

const OPTIONS = new Map<string, sanitizeHtml.IOptions>();
const optionsFor = (name: MarkdownFlavour, inline: boolean) => {
  const key = `${name}:${inline}`;
  let options = OPTIONS.get(key);
  if (!options) OPTIONS.set(key, (options = sanitizeOptions(FLAVOURS[name], inline)));
  return options;
};

// The same text always renders the same: the feed shows the same few items' commentary on every visit.
const RENDERED = new Map<string, string>();
const RENDERED_LIMIT = 500;

/** Markdown as safe HTML: no raw HTML or scripts; links http(s), mailto or site paths; images (lessons only) from https. */
export function renderMarkdown(markdown: string, flavour: MarkdownFlavour, { inline = false } = {}): string {
  const key = `${flavour}:${inline}:${markdown}`;
  const cached = RENDERED.get(key);
  if (cached !== undefined) return cached;
  const { breaks } = FLAVOURS[flavour];
  const html = (inline ? marked.parseInline(markdown, { breaks }) : marked.parse(markdown, { breaks })) as string;
  const safe = sanitizeHtml(html, optionsFor(flavour, inline));
  if (markdown.length > 20_000) return safe;
  if (RENDERED.size >= RENDERED_LIMIT) RENDERED.delete(RENDERED.keys().next().value!);
  RENDERED.set(key, safe);
  return safe;
}

export const renderCommentary = (markdown: string) => renderMarkdown(markdown, "commentary");
export const renderGuidelineMarkdown = (markdown: string) => renderMarkdown(markdown, "guideline");
/** One line of inline markdown (a do/don't example). */
export const renderGuidelineInline = (markdown: string) => renderMarkdown(markdown, "guideline", { inline: true });
export const renderLessonMarkdown = (markdown: string) => renderMarkdown(markdown, "lesson");

const SAFE_HREF = /^(https?:|mailto:|\/(?!\/)|#)/i;

export type MarkdownProblem = "rawHtml" | "unsafeLink" | "image" | "unsafeImage";

/** What the renderer would silently drop, reported instead so the author can fix it. */
export function markdownProblems(markdown: string, flavour: MarkdownFlavour, { inline = false } = {}): MarkdownProblem[] {
  const problems = new Set<MarkdownProblem>();
  const tokens: Token[] = inline ? marked.Lexer.lexInline(markdown) : marked.lexer(markdown);
  marked.walkTokens(tokens, (token) => {
    if (token.type === "html") problems.add("rawHtml");
    if (token.type === "image") {
      if (!FLAVOURS[flavour].images) problems.add("image");
      else if (!/^https:\/\//i.test(token.href.trim())) problems.add("unsafeImage");
    }
    if (token.type === "link" && !SAFE_HREF.test(token.href.trim())) problems.add("unsafeLink");
  });
  return [...problems];
}

/** Developer-facing wording of a problem, for the library sync's report. */
export const MARKDOWN_PROBLEM_TEXT: Record<MarkdownProblem, string> = {
  rawHtml: "raw HTML is not allowed in markdown (it would be removed); use markdown instead",
  unsafeLink: "links must start with http://, https://, mailto: or /",
  image: "images are not allowed in guideline texts",
  unsafeImage: "images must be https:// addresses",
};
