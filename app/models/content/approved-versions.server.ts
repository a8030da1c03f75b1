/**
 * What a reviewer last approved of an item (commentary and share texts), kept at each approval so a
 * re-review after an edit shows a word diff against it (the guideline diff's `diffText`).
 */
import type { DB } from "~/utils/db.server";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { diffText, type Segment } from "~/models/guidelines/diff.server";

type StoredTexts = Partial<Record<ShareNetwork, { text: string; subject: string | null }>>;

/** Keeps the item's current commentary and share texts as its approved version (in the approval's transaction). */
export async function recordApprovedVersion(trx: DB, itemId: string, actorId: string, now: number): Promise<void> {
  const item = await trx.selectFrom("content_items").select("commentary_md").where("id", "=", itemId).executeTakeFirstOrThrow();
  const rows = await trx.selectFrom("content_share_texts").select(["network", "text", "subject"]).where("item_id", "=", itemId).execute();
  const texts: StoredTexts = Object.fromEntries(rows.map((r) => [r.network, { text: r.text, subject: r.subject }]));
  const values = { commentary_md: item.commentary_md, share_texts_json: JSON.stringify(texts), approved_by: actorId, approved_at: now };
  await trx
    .insertInto("content_approved_versions")
    .values({ item_id: itemId, ...values })
    .onConflict((oc) => oc.column("item_id").doUpdateSet(values))
    .execute();
}

export interface EditDiff {
  approvedAt: number;
  commentary: Segment[] | null;
  networks: { network: ShareNetwork; text: Segment[]; subject: Segment[] | null }[];
}

/** The word diff of what changed since the last approval, or null when never approved or nothing changed. */
export async function editsSinceApproval(
  db: DB,
  item: { id: string; commentary_md: string; shareTexts: StoredTexts },
): Promise<EditDiff | null> {
  const approved = await db
    .selectFrom("content_approved_versions")
    .select(["commentary_md", "share_texts_json", "approved_at"])
    .where("item_id", "=", item.id)
    .executeTakeFirst();
  if (!approved) return null;
  const before = JSON.parse(approved.share_texts_json) as StoredTexts;
  const networks = SHARE_NETWORKS.flatMap((network) => {
    const from = before[network];
    const to = item.shareTexts[network];
    const [fromText, toText] = [from?.text ?? "", to?.text ?? ""];
    const [fromSubject, toSubject] = [from?.subject ?? "", to?.subject ?? ""];
    if (fromText === toText && fromSubject === toSubject) return [];
    return [{ network, text: diffText(fromText, toText), subject: fromSubject === toSubject ? null : diffText(fromSubject, toSubject) }];
  });
  const commentary = approved.commentary_md === item.commentary_md ? null : diffText(approved.commentary_md, item.commentary_md);
  if (!commentary && !networks.length) return null;
  return { approvedAt: approved.approved_at, commentary, networks };
}
