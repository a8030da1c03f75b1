/**
 * Approved variants of an item's suggested text, the rules the editor's form (in the browser) and
 * the server share: how many per network, their form fields, and when a text counts as popular.
 * Variant 1 is the network's main text (content_share_texts); 2 and 3 are the extra ones.
 */
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";

export const MAX_VARIANTS = 3;
export const EXTRA_VARIANTS = [2, 3] as const;
export type ExtraVariant = (typeof EXTRA_VARIANTS)[number];
export type VariantField = `share_${ShareNetwork}_v${ExtraVariant}`;

/** Colleagues who posted one exact text on one day before the dialog suggests picking another. */
export const POPULAR_TEXT_THRESHOLD = 5;

export const variantField = (network: ShareNetwork, variant: ExtraVariant): VariantField => `share_${network}_v${variant}`;

export const VARIANT_FIELDS: readonly { network: ShareNetwork; variant: ExtraVariant; field: VariantField }[] = SHARE_NETWORKS.flatMap((network) =>
  EXTRA_VARIANTS.map((variant) => ({ network, variant, field: variantField(network, variant) })),
);

/**
 * The form's texts for one network, in order, blanks and repeats left out: the first is stored as
 * the main text, the rest as variants 2, 3.
 */
export function orderedTexts(texts: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of texts) {
    const text = raw?.trim() ?? "";
    if (!text || seen.has(text)) continue;
    seen.add(text);
    kept.push(text);
  }
  return kept.slice(0, MAX_VARIANTS);
}

/** A variant number from a form or a query string; null when absent or not one of ours. */
export function parseVariant(value: unknown): number | null {
  const n = typeof value === "string" && /^[1-9]$/u.test(value) ? Number(value) : null;
  return n !== null && n <= MAX_VARIANTS ? n : null;
}
