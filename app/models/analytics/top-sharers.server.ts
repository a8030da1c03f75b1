/**
 * The people table's first rows: people are ranked on their any-network rows (one per person and
 * period, where the table's rows are one per network), and only the leaders' network rows are read.
 * This still reads a row per sharer and period; see the README's benchmark notes.
 */
import type { DB } from "~/utils/db.server";
import type { RollupPeriod } from "./rollup-periods";
import { rollupsIn } from "./rollups.server";

/**
 * People with the most shares in the periods: every person whose total reaches the limit-th best
 * (ties included), when more than `limit` people shared; null otherwise (the table may then also
 * list people with clicks only, and the caller reads them all).
 */
export async function topSharers(db: DB, blocks: RollupPeriod[], limit: number): Promise<string[] | null> {
  const ranked = await db
    .selectFrom(rollupsIn(db, "person", blocks).as("r"))
    .select((eb) => ["r.key", eb.fn.sum<number>("r.shares").as("shares")])
    .where("r.network", "=", "")
    .groupBy("r.key")
    .orderBy("shares", "desc")
    .execute();
  const sharers = ranked.filter((r) => Number(r.shares) > 0);
  if (sharers.length <= limit) return null;
  const bar = Number(sharers[limit - 1].shares);
  return sharers.filter((r) => Number(r.shares) >= bar).map((r) => r.key);
}
