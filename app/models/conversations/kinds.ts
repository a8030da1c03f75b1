import { CONVERSATION_KINDS, type ConversationKind } from "#db/schema";

export { CONVERSATION_KINDS, type ConversationKind };

/**
 * The kinds of conversation named by the customer-conversations guideline ("a question, a complaint,
 * praise or a provocation"), plus a crisis risk, which goes to the top of the queue.
 */
export const URGENCY: Record<ConversationKind, number> = { crisis: 0, complaint: 1, question: 2, provocation: 3, praise: 4 };

export const CONVERSATION_NETWORKS = ["x", "linkedin", "facebook", "instagram", "tiktok", "youtube", "reviews", "other"] as const;
export type ConversationNetwork = (typeof CONVERSATION_NETWORKS)[number];

const HOSTS: [RegExp, ConversationNetwork][] = [
  [/(^|\.)(x|twitter)\.com$/, "x"],
  [/(^|\.)linkedin\.com$/, "linkedin"],
  [/(^|\.)(facebook|fb)\.com$/, "facebook"],
  [/(^|\.)instagram\.com$/, "instagram"],
  [/(^|\.)tiktok\.com$/, "tiktok"],
  [/(^|\.)(youtube\.com|youtu\.be)$/, "youtube"],
  [/(^|\.)(trustpilot\.com|tripadvisor\.[a-z.]+)$/, "reviews"],
];

/** The network a URL belongs to, from its host; any other site is "other". */
export function networkOf(url: string): ConversationNetwork {
  const host = new URL(url).hostname.toLowerCase();
  return HOSTS.find(([pattern]) => pattern.test(host))?.[1] ?? "other";
}

export const MAX_REPORT_URL = 2000;

/** Only public web addresses: http(s), a host, no credentials. */
export function isPublicHttpUrl(value: string): boolean {
  if (value.length > MAX_REPORT_URL || /\s/u.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && Boolean(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|igshid|mc_[a-z]+|ref_src|ref_url|s|t|si)$/i;

/**
 * The key under which reports of one conversation meet: scheme and host lower-cased, "www." and the
 * default port dropped, tracking parameters and the fragment removed, the remaining parameters sorted,
 * and no trailing slash. Two links to the same post from different share buttons then match.
 */
export function normaliseUrl(value: string): string {
  const url = new URL(value);
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, "");
  const params = [...url.searchParams.entries()].filter(([key]) => !TRACKING.test(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : "";
  const path = url.pathname.replace(/\/+$/, "") || "";
  const port = url.port && url.port !== (url.protocol === "https:" ? "443" : "80") ? `:${url.port}` : "";
  return `https://${host}${port}${path}${query}`;
}

/**
 * Text made safe to share in a training case: handles, e-mail addresses, links and long digit runs
 * (phone, account or order numbers) are replaced, so neither the customer nor the reporter can be named.
 */
export function anonymise(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[…]")
    .replace(/https?:\/\/\S+/g, "[…]")
    .replace(/@[\p{L}\p{N}_.]+/gu, "@…")
    .replace(/\+?\d[\d\s().-]{5,}\d/g, "[…]");
}
