import type { DB } from "~/utils/db.server";

export async function listOutbox(db: DB, { page = 1, pageSize = 50 }: { page?: number; pageSize?: number } = {}) {
  const rows = await db
    .selectFrom("outbox")
    .select(["id", "to_address", "subject", "transport", "error", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(pageSize + 1)
    .offset((Math.max(1, page) - 1) * pageSize)
    .execute();
  return { messages: rows.slice(0, pageSize), hasMore: rows.length > pageSize, page };
}

export async function getOutboxMessage(db: DB, id: string) {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
