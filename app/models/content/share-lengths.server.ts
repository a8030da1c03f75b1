/**
 * The networks' length limits with the required disclosure counted (the admins' guardrails add it to
 * every suggested text, so X's 280 must leave room for it). The form's schema cannot know the
 * disclosures, so the server checks again when an item is saved, submitted and approved: a
 * disclosure made longer after an item was written stops its approval rather than its share.
 */
import type { DB } from "~/utils/db.server";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { listDisclosures } from "~/models/sharing/guardrails.server";
import { EXTRA_VARIANTS, variantField } from "./share-variants";
import { readShareVariants } from "./share-variants.server";
import { NETWORK_LIMITS, shareLength } from "./text";

export const TOO_LONG_WITH_DISCLOSURE = "content.errors.tooLongWithDisclosure";

export type Disclosures = Partial<Record<ShareNetwork, string>>;

interface ItemTexts {
  hashtags: readonly string[];
  shareTexts: Partial<Record<ShareNetwork, { text: string } | undefined>>;
  shareVariants?: Partial<Record<ShareNetwork, string[]>>;
}

/** The form field of the first text the network's disclosure takes over its limit, or null when all fit. */
export function fieldOverLimit(texts: ItemTexts, disclosures: Disclosures): string | null {
  for (const network of SHARE_NETWORKS) {
    const all = [texts.shareTexts[network]?.text ?? "", ...(texts.shareVariants?.[network] ?? [])];
    const over = all.findIndex((text) => text.trim() && shareLength(network, text, texts.hashtags, disclosures[network] ?? null) > NETWORK_LIMITS[network]);
    if (over === 0) return `share_${network}`;
    if (over > 0) return variantField(network, EXTRA_VARIANTS[over - 1]);
  }
  return null;
}

/** The check on what an editor is saving. */
export async function lengthProblem(db: DB, texts: ItemTexts): Promise<{ field: string; error: typeof TOO_LONG_WITH_DISCLOSURE } | null> {
  const field = fieldOverLimit(texts, await listDisclosures(db));
  return field ? { field, error: TOO_LONG_WITH_DISCLOSURE } : null;
}

/** The check on a stored item, before it is submitted or approved. */
export async function storedItemTooLong(db: DB, itemId: string): Promise<boolean> {
  const [item, texts, shareVariants, disclosures] = await Promise.all([
    db.selectFrom("content_items").select("hashtags").where("id", "=", itemId).executeTakeFirst(),
    db.selectFrom("content_share_texts").select(["network", "text"]).where("item_id", "=", itemId).execute(),
    readShareVariants(db, itemId),
    listDisclosures(db),
  ]);
  const shareTexts = Object.fromEntries(texts.map((t) => [t.network, { text: t.text }]));
  return fieldOverLimit({ hashtags: item?.hashtags ? item.hashtags.split(" ") : [], shareTexts, shareVariants }, disclosures) !== null;
}
