import type { DB } from "~/utils/db.server";
import { isLocalPath } from "./kinds";

export const INBOX_SIZE = 30;

/** Unread notifications of a person (an index range over user_id, read_at). */
export async function unreadCount(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest notifications, with their params parsed; hours waited is derived for review reminders. */
export async function listNotifications(db: DB, userId: string, now = Date.now(), limit = INBOX_SIZE) {
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "kind", "params", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const params = JSON.parse(row.params) as Record<string, string | number>;
    if (row.kind === "review_waiting") params.hours = Math.floor((now - row.created_at) / 3_600_000) + Number(params.hoursAtNotice ?? 0);
    return { id: row.id, kind: row.kind, params, link: row.link, createdAt: row.created_at, read: row.read_at !== null };
  });
}

/** Marks one of the person's notifications read and returns where it leads (null: not theirs). */
export async function openNotification(db: DB, userId: string, id: string, now = Date.now()): Promise<string | null> {
  const row = await db
    .selectFrom("notifications")
    .select(["link", "read_at"])
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.read_at === null)
    await db
      .updateTable("notifications")
      .set({ read_at: now })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .execute();
  return isLocalPath(row.link) ? row.link : "/";
}

export async function markAllRead(db: DB, userId: string, now = Date.now()): Promise<void> {
  await db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
