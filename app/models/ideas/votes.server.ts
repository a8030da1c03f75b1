import { inTransaction, type DB } from "~/utils/db.server";

export type VoteResult =
  { ok: true; votes: number; changed: boolean } | { ok: false; error: "ideas.errors.notFound" | "ideas.errors.ownIdea" };

async function voteCount(trx: DB, ideaId: string): Promise<number> {
  const row = await trx.selectFrom("ideas").select("vote_count").where("id", "=", ideaId).executeTakeFirstOrThrow();
  return row.vote_count;
}

/**
 * One vote per person and idea: the (idea, person) primary key turns a second vote, even one racing
 * the first from another instance, into a no-op, and only an inserted vote moves the running count.
 */
export async function castVote(db: DB, userId: string, ideaId: string, now = Date.now()): Promise<VoteResult> {
  return inTransaction(db, async (trx): Promise<VoteResult> => {
    const idea = await trx.selectFrom("ideas").select("proposer_id").where("id", "=", ideaId).executeTakeFirst();
    if (!idea) return { ok: false, error: "ideas.errors.notFound" };
    if (idea.proposer_id === userId) return { ok: false, error: "ideas.errors.ownIdea" };
    const inserted = await trx
      .insertInto("idea_votes")
      .values({ idea_id: ideaId, user_id: userId, created_at: now })
      .onConflict((oc) => oc.columns(["idea_id", "user_id"]).doNothing())
      .executeTakeFirst();
    const changed = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
    if (changed) {
      await trx
        .updateTable("ideas")
        .set((eb) => ({ vote_count: eb("vote_count", "+", 1) }))
        .where("id", "=", ideaId)
        .execute();
    }
    return { ok: true, votes: await voteCount(trx, ideaId), changed };
  });
}

/** Withdrawing a vote: only a vote that was there and is now deleted lowers the count. */
export async function withdrawVote(db: DB, userId: string, ideaId: string): Promise<VoteResult> {
  return inTransaction(db, async (trx): Promise<VoteResult> => {
    const idea = await trx.selectFrom("ideas").select("id").where("id", "=", ideaId).executeTakeFirst();
    if (!idea) return { ok: false, error: "ideas.errors.notFound" };
    const deleted = await trx.deleteFrom("idea_votes").where("idea_id", "=", ideaId).where("user_id", "=", userId).executeTakeFirst();
    const changed = Number(deleted.numDeletedRows) === 1;
    if (changed) {
      await trx
        .updateTable("ideas")
        .set((eb) => ({ vote_count: eb("vote_count", "-", 1) }))
        .where("id", "=", ideaId)
        .execute();
    }
    return { ok: true, votes: await voteCount(trx, ideaId), changed };
  });
}

export async function voterIds(db: DB, ideaId: string): Promise<string[]> {
  return (await db.selectFrom("idea_votes").select("user_id").where("idea_id", "=", ideaId).execute()).map((row) => row.user_id);
}
