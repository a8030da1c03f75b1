import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { isLocalPath, isNotificationKind, type NotificationKind, type NotificationParams } from "./kinds";

export interface NotificationInput {
  kind: NotificationKind;
  params?: NotificationParams;
  /** A local path such as "/feed/<id>". */
  link: string;
}

const BATCH = 500;

function row(userId: string, input: NotificationInput, now: number) {
  if (!isNotificationKind(input.kind)) throw new Error(`Unknown notification kind: ${String(input.kind)}`);
  if (!isLocalPath(input.link)) throw new Error(`A notification links to a local path, not ${input.link}`);
  return {
    id: newId(),
    user_id: userId,
    kind: input.kind,
    params: JSON.stringify(input.params ?? {}),
    link: input.link,
    created_at: now,
    read_at: null,
  };
}

/**
 * Records one notification. Pass the caller's transaction as `db` so the notification is
 * written (or rolled back) with what caused it.
 */
export async function notify(db: DB, input: NotificationInput & { userId: string }, now = Date.now()): Promise<void> {
  await db
    .insertInto("notifications")
    .values(row(input.userId, input, now))
    .execute();
}

/** The same notification for many people, inserted in batches (same transaction rules as `notify`). */
export async function notifyMany(db: DB, userIds: readonly string[], input: NotificationInput, now = Date.now()): Promise<number> {
  const unique = [...new Set(userIds)];
  for (let start = 0; start < unique.length; start += BATCH) {
    const rows = unique.slice(start, start + BATCH).map((userId) => row(userId, input, now));
    await db.insertInto("notifications").values(rows).execute();
  }
  return unique.length;
}
