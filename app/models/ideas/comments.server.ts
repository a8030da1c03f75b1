import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { isEditor, type Viewer } from "./board.server";
import { sanitiseText } from "./schema";

export type CommentResult =
  { ok: true; id: string } | { ok: false; error: "ideas.errors.notFound" | "ideas.errors.commentRequired" | "errors.forbidden" };

export async function addComment(db: DB, authorId: string, ideaId: string, body: string, now = Date.now()): Promise<CommentResult> {
  const text = sanitiseText(body);
  if (!text) return { ok: false, error: "ideas.errors.commentRequired" };
  return inTransaction(db, async (trx): Promise<CommentResult> => {
    const idea = await trx.selectFrom("ideas").select("id").where("id", "=", ideaId).executeTakeFirst();
    if (!idea) return { ok: false, error: "ideas.errors.notFound" };
    const id = newId();
    await trx
      .insertInto("idea_comments")
      .values({
        id,
        idea_id: ideaId,
        author_id: authorId,
        body: text,
        created_at: now,
        hidden_by: null,
        hidden_at: null,
        hidden_reason: null,
      })
      .execute();
    await trx
      .updateTable("ideas")
      .set((eb) => ({ comment_count: eb("comment_count", "+", 1) }))
      .where("id", "=", ideaId)
      .execute();
    return { ok: true, id };
  });
}

/** An editor hides a comment with a reason; the text stays for editors, colleagues see only that it was hidden and why. */
export async function hideComment(
  db: DB,
  editor: Viewer,
  ideaId: string,
  commentId: string,
  reason: string,
  now = Date.now(),
): Promise<CommentResult> {
  if (!isEditor(editor)) return { ok: false, error: "errors.forbidden" };
  const updated = await db
    .updateTable("idea_comments")
    .set({ hidden_by: editor.id, hidden_at: now, hidden_reason: sanitiseText(reason) })
    .where("id", "=", commentId)
    .where("idea_id", "=", ideaId)
    .where("hidden_at", "is", null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? { ok: true, id: commentId } : { ok: false, error: "ideas.errors.notFound" };
}

export interface IdeaComment {
  id: string;
  author: string | null;
  /** null for colleagues once an editor hid it. */
  body: string | null;
  createdAt: number;
  hidden: boolean;
  hiddenReason: string | null;
}

export async function listComments(db: DB, viewer: Viewer, ideaId: string, limit = 200): Promise<IdeaComment[]> {
  const rows = await db
    .selectFrom("idea_comments")
    .leftJoin("users as author", "author.id", "idea_comments.author_id")
    .select([
      "idea_comments.id",
      "idea_comments.body",
      "idea_comments.created_at",
      "idea_comments.hidden_at",
      "idea_comments.hidden_reason",
      "author.name as author_name",
    ])
    .where("idea_comments.idea_id", "=", ideaId)
    .orderBy("idea_comments.created_at", "asc")
    .orderBy("idea_comments.id")
    .limit(limit)
    .execute();
  const editor = isEditor(viewer);
  return rows.map((row) => ({
    id: row.id,
    author: row.author_name,
    body: row.hidden_at === null || editor ? row.body : null,
    createdAt: row.created_at,
    hidden: row.hidden_at !== null,
    hiddenReason: row.hidden_reason,
  }));
}
