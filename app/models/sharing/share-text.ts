/**
 * Share rules the share dialog (in the browser) and the server agree on: the post always carries
 * the sharer's tracked link, how long it may be on each network, and each network's share URL.
 */
import { countXLength, EMAIL_SUBJECT_LIMIT, NETWORK_LIMITS } from "~/models/content/text";
import type { ShareNetwork } from "~/models/core/networks";

/** Networks whose share URL takes only the link: the person pastes the text themselves. */
export const LINK_ONLY_NETWORKS: readonly ShareNetwork[] = ["linkedin", "facebook"];

/** Most characters the text box accepts before any network rule (the largest limit, plus room for the link). */
export const MAX_SHARE_INPUT = 70_000;

export const trackedLinkUrl = (origin: string, code: string) => `${origin.replace(/\/+$/, "")}/l/${code}`;

/**
 * The text as posted: the person's text with their tracked link added at the end when they removed
 * it. Line breaks become "\n" (browsers submit a textarea's as "\r\n").
 */
export function finalShareText(text: string, trackedUrl: string): string {
  const trimmed = text.replace(/\r\n?/g, "\n").trim();
  if (trimmed.includes(trackedUrl)) return trimmed;
  return trimmed ? `${trimmed}\n\n${trackedUrl}` : trackedUrl;
}

/** The length the network counts for the final text (X: links 23, emoji 2). */
/** The post's length as the network counts it; past `stopAbove` the exact figure is not needed. */
export function postLength(network: ShareNetwork, finalText: string, stopAbove = Infinity): number {
  return network === "x" ? countXLength(finalText, stopAbove) : finalText.length;
}

export type ShareTextProblem = "emptyText" | "textTooLong" | "subjectTooLong";

/** What is wrong with the text a person is about to share, or null. Empty: nothing but the link. */
export function shareTextProblem(
  network: ShareNetwork,
  text: string,
  trackedUrl: string,
): Exclude<ShareTextProblem, "subjectTooLong"> | null {
  const final = finalShareText(text, trackedUrl);
  if (!final.split(trackedUrl).join("").trim()) return "emptyText";
  if (postLength(network, final, NETWORK_LIMITS[network]) > NETWORK_LIMITS[network]) return "textTooLong";
  return null;
}

export const subjectTooLong = (subject: string | null | undefined) => (subject ?? "").trim().length > EMAIL_SUBJECT_LIMIT;

/**
 * Where the browser goes to publish: LinkedIn and Facebook take the tracked link (they read the
 * page's preview; the text is pasted), X and WhatsApp the whole text with the link, email a
 * mailto: with subject and body (encodeURIComponent: mail programs expect %20, not +).
 */
export function networkShareUrl(network: ShareNetwork, input: { finalText: string; trackedUrl: string; subject: string }): string {
  const e = encodeURIComponent;
  switch (network) {
    case "linkedin":
      return `https://www.linkedin.com/sharing/share-offsite/?url=${e(input.trackedUrl)}`;
    case "x":
      return `https://twitter.com/intent/tweet?text=${e(input.finalText)}`;
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?u=${e(input.trackedUrl)}`;
    case "whatsapp":
      return `https://wa.me/?text=${e(input.finalText)}`;
    case "email":
      return `mailto:?subject=${e(input.subject)}&body=${e(input.finalText)}`;
  }
}
