/**
 * The guardrails on an employee's edited share text, as pure functions the share dialog (in the browser)
 * and the server both run: blocked phrases (matched without case or accents, on word boundaries at
 * the phrase's letter or digit ends), the network's required disclosure, and a reviewer's lock.
 * Kept free of server code and libraries: it is part of the browser bundle.
 */

export interface BlockedPhrase {
  phrase: string;
  /** The guideline rule it breaks, as quoted to the person ("3. Do not speak for the company"), or null. */
  rule: string | null;
}

/** What applies to one network's post of one item. */
export interface NetworkGuardrails {
  phrases: readonly BlockedPhrase[];
  disclosure: string | null;
  /** The text as the reviewer locked it (without the tracked link), or null when it may be edited. */
  lockedText: string | null;
}

export type GuardrailProblem =
  { kind: "locked" } | { kind: "blockedPhrase"; phrase: string; rule: string | null } | { kind: "disclosureMissing"; disclosure: string };

/** Lower case, no accents or other marks, white space collapsed: "ÉXITO  garantizado" → "exito garantizado". */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ").trim();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the folded text holds the folded phrase; a phrase starting or ending with a letter or digit must not touch another there. */
export function containsPhrase(foldedText: string, phrase: string): boolean {
  const folded = foldText(phrase);
  if (!folded) return false;
  const before = WORD_CHAR.test(folded[0]) ? "(?<![\\p{L}\\p{N}])" : "";
  const after = WORD_CHAR.test(folded[folded.length - 1]) ? "(?![\\p{L}\\p{N}])" : "";
  return new RegExp(`${before}${escapeRegExp(folded)}${after}`, "u").test(foldedText);
}

export function findBlockedPhrase(text: string, phrases: readonly BlockedPhrase[]): BlockedPhrase | null {
  const folded = foldText(text);
  return phrases.find((p) => containsPhrase(folded, p.phrase)) ?? null;
}

/** The text as typed, without the tracked link and with "\n" line breaks, for comparing with a locked text. */
export function withoutLink(text: string, trackedUrl: string): string {
  const plain = text.replace(/\r\n?/g, "\n");
  return (trackedUrl ? plain.split(trackedUrl).join("") : plain).trim();
}

/** The suggested text with the disclosure added when it is not already there: on the same line for a hashtag. */
export function withDisclosure(text: string, disclosure: string | null): string {
  const trimmed = text.trim();
  if (!disclosure || containsPhrase(foldText(trimmed), disclosure)) return trimmed;
  if (!trimmed) return disclosure;
  return disclosure.startsWith("#") ? `${trimmed} ${disclosure}` : `${trimmed}\n\n${disclosure}`;
}

const sameLockedText = (a: string, b: string) => a.replace(/[ \t]+/g, " ").trim() === b.replace(/[ \t]+/g, " ").trim();

/** The first guardrail the text breaks, or null: a changed locked text, then a blocked phrase, then a dropped disclosure. */
export function guardrailProblem(text: string, trackedUrl: string, guardrails: NetworkGuardrails): GuardrailProblem | null {
  const typed = withoutLink(text, trackedUrl);
  if (guardrails.lockedText !== null && !sameLockedText(typed, guardrails.lockedText)) return { kind: "locked" };
  const blocked = findBlockedPhrase(typed, guardrails.phrases);
  if (blocked) return { kind: "blockedPhrase", phrase: blocked.phrase, rule: blocked.rule };
  if (guardrails.disclosure && !containsPhrase(foldText(typed), guardrails.disclosure)) {
    return { kind: "disclosureMissing", disclosure: guardrails.disclosure };
  }
  return null;
}
