/**
 * Storing and reading an item's extra approved texts per network (variants 2, 3; variant 1 is the
 * network's main text in content_share_texts). They are written with the rest of the item, so they
 * go through the same review: saving an approved item sends it back like any other edit.
 */
import type { DB } from "~/utils/db.server";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { MAX_VARIANTS } from "./share-variants";

export type ShareVariants = Partial<Record<ShareNetwork, string[]>>;

/** Replaces the item's extra texts (in the caller's transaction); each list is variants 2, 3 in order. */
export async function writeShareVariants(trx: DB, itemId: string, variants: ShareVariants): Promise<void> {
  await trx.deleteFrom("content_share_variants").where("item_id", "=", itemId).execute();
  const rows = SHARE_NETWORKS.flatMap((network) =>
    (variants[network] ?? [])
      .map((text) => text.trim())
      .filter(Boolean)
      .slice(0, MAX_VARIANTS - 1)
      .map((text, i) => ({ item_id: itemId, network, variant: i + 2, text })),
  );
  if (rows.length) await trx.insertInto("content_share_variants").values(rows).execute();
}

/** The item's extra texts per network, in variant order (networks without any are absent). */
export async function readShareVariants(db: DB, itemId: string): Promise<ShareVariants> {
  const rows = await db
    .selectFrom("content_share_variants")
    .select(["network", "variant", "text"])
    .where("item_id", "=", itemId)
    .orderBy("network")
    .orderBy("variant")
    .execute();
  const variants: ShareVariants = {};
  for (const row of rows) (variants[row.network] ??= []).push(row.text);
  return variants;
}
