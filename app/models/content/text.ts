/**
 * Text rules of the content library that the editor (in the browser) and the server share:
 * per-network length limits, X's weighted count, hashtags, topics, URLs and search patterns.
 */
import { type ShareNetwork } from "~/models/core/networks";
import { withDisclosure } from "~/models/sharing/guardrail-match";

/** The most characters each network accepts for a post (email: what a mailto: link carries reliably). */
export const NETWORK_LIMITS: Record<ShareNetwork, number> = {
  linkedin: 3000,
  x: 280,
  facebook: 63206,
  whatsapp: 65536,
  email: 2000,
};
export const EMAIL_SUBJECT_LIMIT = 120;

/** Networks where the item's hashtags are appended to the suggested text. */
export const HASHTAG_NETWORKS: readonly ShareNetwork[] = ["linkedin", "x", "facebook"];

/** X shortens every link to t.co and counts it as 23 characters, whatever its length. */
export const X_URL_LENGTH = 23;

/** Stands in for the sharer's tracked link (https://<host>/l/<8 characters>) when counting. */
export const TRACKED_LINK_SAMPLE = "https://altavoz.example.com/l/XXXXXXXX";

export const MAX_URL_LENGTH = 2000;
export const MAX_HASHTAGS = 10;
export const MAX_TOPICS = 10;
export const MAX_TOPIC_LENGTH = 40;

const TLDS = "com|org|net|es|eu|io|co|info|dev|app|me|tv|ly|uk|de|fr|it|pt|mx|ar|cl|us|gob|edu";
// A scheme URL, a www. address, or a bare domain with a common top-level domain; trailing punctuation is not part of it.
const URL_PATTERN = new RegExp(
  String.raw`(?:https?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:${TLDS})\b(?:\/[^\s<>"]*)?)`,
  "giu",
);
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/u;

/** X weighs characters: these ranges count 1, everything else (CJK, most symbols) counts 2; an emoji counts 2. */
const LIGHT_RANGES: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function weightOfGrapheme(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  let weight = 0;
  for (const char of grapheme) {
    const code = char.codePointAt(0) ?? 0;
    // Combining marks and variation selectors ride on the previous character.
    if (weight > 0 && /\p{M}/u.test(char)) continue;
    weight += LIGHT_RANGES.some(([from, to]) => code >= from && code <= to) ? 1 : 2;
  }
  return weight;
}

// One segmenter for every count: building it was most of the cost of a feed card's length counts.
const segmenter = typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

function* graphemes(text: string): Iterable<string> {
  if (!segmenter) yield* text;
  else for (const s of segmenter.segment(text)) yield s.segment;
}

/** The URLs X would find in the text (with trailing punctuation left out). */
export function findUrls(text: string): { index: number; url: string }[] {
  const found: { index: number; url: string }[] = [];
  for (const match of text.normalize("NFC").matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    if (url) found.push({ index: match.index ?? 0, url });
  }
  return found;
}

/**
 * The length X counts for a post: every URL is 23, emoji and wide characters count 2. Counting stops
 * once it passes `stopAbove` (weighing graphemes costs microseconds each: a 70,000-character paste
 * held the thread for a second only to learn it was over 280).
 */
export function countXLength(text: string, stopAbove = Infinity): number {
  const normalised = text.normalize("NFC");
  let length = 0;
  let cursor = 0;
  const weigh = (part: string) => {
    for (const g of graphemes(part)) {
      length += weightOfGrapheme(g);
      if (length > stopAbove) return false;
    }
    return true;
  };
  for (const { index, url } of findUrls(normalised)) {
    if (!weigh(normalised.slice(cursor, index))) return length;
    length += X_URL_LENGTH;
    cursor = index + url.length;
  }
  weigh(normalised.slice(cursor));
  return length;
}

/**
 * The post an employee publishes: the suggested text, the item's hashtags (on networks that use
 * them, unless already in the text) and the link, separated by blank lines.
 */
export function composeShareText(network: ShareNetwork, text: string, hashtags: readonly string[], link: string): string {
  return [text.trim(), appendedHashtags(network, text, hashtags).join(" "), link].filter(Boolean).join("\n\n");
}

/** The item's hashtags the network's post gets on top of the text (none on WhatsApp and email, none already in the text). */
export function appendedHashtags(network: ShareNetwork, text: string, hashtags: readonly string[]): string[] {
  if (!HASHTAG_NETWORKS.includes(network)) return [];
  const lower = text.toLowerCase();
  return hashtags.filter((tag) => !lower.includes(tag.toLowerCase()));
}

/** How long the published post will be, counted the way the network counts, with the network's required disclosure when given. */
export function shareLength(network: ShareNetwork, text: string, hashtags: readonly string[], disclosure: string | null = null): number {
  const composed = composeShareText(network, withDisclosure(text, disclosure), hashtags, TRACKED_LINK_SAMPLE);
  return network === "x" ? countXLength(composed) : composed.length;
}

export const remainingFor = (network: ShareNetwork, text: string, hashtags: readonly string[]) => NETWORK_LIMITS[network] - shareLength(network, text, hashtags);

const HASHTAG = /^[\p{L}\p{N}_]{1,50}$/u;

/**
 * "#Fibra, empleo #5G" → ["#Fibra", "#empleo", "#5G"]; null when a word is not a valid hashtag or
 * there are too many. Repeats (ignoring case) are dropped.
 */
export function parseHashtags(input: string): string[] | null {
  const words = input.split(/[\s,]+/u).map((w) => w.replace(/^#+/u, "")).filter(Boolean);
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const word of words) {
    if (!HASHTAG.test(word) || /^\d+$/u.test(word)) return null;
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(`#${word}`);
  }
  return tags.length > MAX_HASHTAGS ? null : tags;
}

/** "Fibra, Empleo ,  atención al cliente" → ["fibra", "empleo", "atención al cliente"]; null when too long or too many. */
export function parseTopics(input: string): string[] | null {
  const topics = [...new Set(input.split(",").map((t) => t.trim().replace(/\s+/gu, " ").toLowerCase()).filter(Boolean))];
  if (topics.length > MAX_TOPICS || topics.some((t) => t.length > MAX_TOPIC_LENGTH)) return null;
  return topics;
}

/** Absolute http(s) URLs only: no javascript:, data:, relative paths or embedded credentials. */
export function isHttpUrl(value: string): boolean {
  if (value.length > MAX_URL_LENGTH || /\s/u.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Lower case without accents, so "Fibra ÓPTICA" and "fibra optica" match on both dialects. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();
}

/** A LIKE pattern for "contains", with %, _ and \ in the query taken literally (use with ESCAPE '\'). */
export function containsPattern(query: string): string {
  return `%${normaliseForSearch(query).replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}
