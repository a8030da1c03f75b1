import type { DB } from "~/utils/db.server";
import { createContentItem, transitionContent, updateContentItem, type Actor, type ContentInput, type ContentResult } from "./items.server";

type Refused = Extract<ContentResult, { ok: false }>;

/** Thrown inside the transaction to roll back the saved item when submitting it is refused. */
class SubmitRefused extends Error {
  constructor(readonly refusal: Refused) {
    super(refusal.error);
  }
}

// A refusal of "submit" that is about a field the editor just filled in, so the form shows it there.
const FIELD_OF_REFUSAL: Record<string, string> = { "content.errors.alreadyExpired": "expireAt" };

/**
 * Saves a new item (no `id`) or an edited one and, with `submit`, sends it to review, all in one
 * transaction: a refused submission (an expiry in the past, an incomplete item) leaves nothing saved,
 * so the editor's form comes back with the error and the database is as it was.
 */
export async function saveContent(db: DB, actor: Actor, input: { id?: string; content: ContentInput; submit: boolean; now?: number }): Promise<ContentResult> {
  const now = input.now ?? Date.now();
  try {
    return await db.transaction().execute(async (trx) => {
      const saved = input.id ? await updateContentItem(trx, actor, input.id, input.content, now) : await createContentItem(trx, actor, input.content, { now });
      if (!saved.ok || !input.submit) return saved;
      const submitted = await transitionContent(trx, actor, saved.id, "submit", { now });
      if (!submitted.ok) throw new SubmitRefused({ ok: false, error: submitted.error, field: FIELD_OF_REFUSAL[submitted.error] });
      return { ok: true, id: saved.id, status: submitted.status } as const;
    });
  } catch (error) {
    if (error instanceof SubmitRefused) return error.refusal;
    throw error;
  }
}
