import type { DB } from "./db.server";

export interface ThrottleLimit {
  max: number;
  windowMs: number;
}

/**
 * Counts one attempt against `key` in the current fixed window and says whether it is allowed.
 * The count lives in the database and grows only through a conditional UPDATE (`hits < max`), so
 * several app instances sharing one database never let more than `max` through per window.
 */
export async function consumeThrottle(db: DB, key: string, limit: ThrottleLimit, now = Date.now()): Promise<boolean> {
  const windowStart = Math.floor(now / limit.windowMs) * limit.windowMs;
  await db
    .insertInto("throttle_windows")
    .values({ key, window_start: windowStart, hits: 0 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doNothing())
    .execute();
  const claimed = await db
    .updateTable("throttle_windows")
    .set((eb) => ({ hits: eb("hits", "+", 1) }))
    .where("key", "=", key)
    .where("window_start", "=", windowStart)
    .where("hits", "<", limit.max)
    .executeTakeFirst();
  // Earlier windows of this key are no longer read.
  await db.deleteFrom("throttle_windows").where("key", "=", key).where("window_start", "<", windowStart).execute();
  return Number(claimed.numUpdatedRows) === 1;
}
