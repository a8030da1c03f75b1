import { SHARE_CHANNELS, type ShareChannel } from "#db/schema";
import type { DB } from "~/utils/db.server";

/** Shares in the range by the channel that opened the share dialog (an index range per channel). */
export async function sharesByChannel(db: DB, range: { start: number; end: number }): Promise<{ channel: ShareChannel; shares: number }[]> {
  const rows = await Promise.all(
    SHARE_CHANNELS.map((channel) =>
      db
        .selectFrom("shares")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("channel", "=", channel)
        .where("created_at", ">=", range.start)
        .where("created_at", "<", range.end)
        .executeTakeFirstOrThrow(),
    ),
  );
  return SHARE_CHANNELS.map((channel, i) => ({ channel, shares: Number(rows[i].n) }));
}
