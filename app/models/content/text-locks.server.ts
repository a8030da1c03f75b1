/**
 * Reviewers' locks on an item's share text, per network: a locked text is shared exactly as the
 * reviewer approved it (the share dialog shows it read-only; the server refuses a changed one).
 */
import type { DB } from "~/utils/db.server";
import { recordAudit } from "~/models/audit/record.server";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";

export async function lockedNetworks(db: DB, itemId: string): Promise<ShareNetwork[]> {
  const rows = await db.selectFrom("content_text_locks").select("network").where("item_id", "=", itemId).execute();
  const locked = new Set<string>(rows.map((r) => r.network));
  return SHARE_NETWORKS.filter((network) => locked.has(network));
}

/** Locks or unlocks one network's text; false when the item does not exist. */
export async function setTextLock(
  db: DB,
  input: { actorId: string; itemId: string; network: ShareNetwork; locked: boolean },
  now = Date.now(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom("content_items").select(["id", "title"]).where("id", "=", input.itemId).executeTakeFirst();
    if (!item) return false;
    if (input.locked) {
      await trx
        .insertInto("content_text_locks")
        .values({ item_id: item.id, network: input.network, locked_by: input.actorId, locked_at: now })
        .onConflict((oc) => oc.columns(["item_id", "network"]).doNothing())
        .execute();
    } else {
      await trx.deleteFrom("content_text_locks").where("item_id", "=", item.id).where("network", "=", input.network).execute();
    }
    await recordAudit(trx, {
      actorId: input.actorId,
      action: input.locked ? "content.text_locked" : "content.text_unlocked",
      target: { type: "content_item", id: item.id, label: item.title },
      after: { network: input.network },
    });
    return true;
  });
}
