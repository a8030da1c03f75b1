import { inTransaction, type DB } from "~/utils/db.server";
import { awardPoints } from "~/models/scoring/points.server";
import { notify, notifyMany } from "~/models/notifications/notify.server";
import type { NotificationKind } from "~/models/notifications/kinds";
import { ideaTitle, isEditor, type Viewer } from "./board.server";
import type { BoardStatus } from "./schema";
import { voterIds } from "./votes.server";

export type StatusResult =
  { ok: true } | { ok: false; error: "ideas.errors.notFound" | "ideas.errors.ownIdea" | "ideas.errors.sameStatus" | "errors.forbidden" };

const VOTER_KIND: Record<BoardStatus | "accepted", NotificationKind> = {
  under_review: "idea_voted_under_review",
  planned: "idea_voted_planned",
  done: "idea_voted_done",
  declined: "idea_voted_declined",
  accepted: "idea_voted_accepted",
};
const PROPOSER_KIND: Record<BoardStatus, NotificationKind> = {
  under_review: "idea_under_review",
  planned: "idea_planned",
  done: "idea_done",
  declined: "idea_declined",
};

/** Tells the voters (not the proposer, who gets their own message) that an idea they backed moved on. */
export async function notifyVoters(
  trx: DB,
  idea: { id: string; proposer_id: string; title: string },
  status: BoardStatus | "accepted",
  now: number,
) {
  const voters = (await voterIds(trx, idea.id)).filter((id) => id !== idea.proposer_id);
  await notifyMany(trx, voters, { kind: VOTER_KIND[status], params: { title: idea.title }, link: `/board/${idea.id}` }, now);
}

/**
 * An editor moves an idea on the board and may say what was done. Planning or finishing an idea that
 * is not content to share is accepting it, so it earns the proposer the accepted-idea points (once,
 * like the accept of a content idea). The proposer and every voter are told, in the same transaction.
 */
export async function setIdeaStatus(
  db: DB,
  editor: Viewer,
  ideaId: string,
  change: { status: BoardStatus; reason: string; outcome: string },
  now = Date.now(),
): Promise<StatusResult> {
  if (!isEditor(editor)) return { ok: false, error: "errors.forbidden" };
  return inTransaction(db, async (trx): Promise<StatusResult> => {
    const idea = await trx
      .selectFrom("ideas")
      .select(["id", "proposer_id", "status", "topic", "url", "text", "reason"])
      .where("id", "=", ideaId)
      .executeTakeFirst();
    if (!idea) return { ok: false, error: "ideas.errors.notFound" };
    if (idea.proposer_id === editor.id) return { ok: false, error: "ideas.errors.ownIdea" };
    if (idea.status === change.status) return { ok: false, error: "ideas.errors.sameStatus" };
    const updated = await trx
      .updateTable("ideas")
      .set({
        status: change.status,
        decline_reason: change.status === "declined" ? change.reason : null,
        outcome: change.outcome || null,
        decided_by: editor.id,
        decided_at: now,
        status_changed_at: now,
      })
      .where("id", "=", ideaId)
      .where("status", "=", idea.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: "ideas.errors.sameStatus" };
    if (idea.topic !== "content" && (change.status === "planned" || change.status === "done")) {
      await awardPoints(trx, { userId: idea.proposer_id, action: "idea_accepted", referenceType: "idea", referenceId: ideaId, at: now });
    }
    const title = ideaTitle(idea);
    await notify(trx, { userId: idea.proposer_id, kind: PROPOSER_KIND[change.status], params: { title }, link: `/board/${ideaId}` }, now);
    await notifyVoters(trx, { id: ideaId, proposer_id: idea.proposer_id, title }, change.status, now);
    return { ok: true };
  });
}
