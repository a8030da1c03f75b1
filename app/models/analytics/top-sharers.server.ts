/**
 * The people and items tables' first rows, exactly, without reading a row per person (or item)
 * and period: Fagin's threshold algorithm over one ranked list per period, each read from analytics_rollups_rank_idx a page at a time, most shares first. The lists
 * are those of the few coarse periods that bound the range (boundingPeriods: a year-long range is
 * about two) when they are fewer than its exact blocks. A key met in a list gets its exact total
 * over the range's days (two lookups of its running totals) while it could still reach the
 * limit-th best, highest bounds first. Someone not met yet
 * has, in each list, at most the shares of the last row read there, and the lists hold the whole
 * range, so their range total is at most the sum of those (the threshold); once that is below the
 * limit-th best exact total, nobody unread can reach it, ties included. People and items are
 * ranked on their any-network rows (one per key and period).
 * How far the lists are read depends on how the shares are spread, not on the head count: a
 * single period reads the first rows and stops; evenly spread totals read deeper (at worst every
 * sharer, as a plain sum would). The README's decision on exact top rows has the figures.
 */
import type { DB } from "~/utils/db.server";
import { boundingPeriods, daysOf, type RollupPeriod } from "./rollup-periods";
import { sharesBetweenDays } from "./running-totals.server";

type Ranked = "person" | "item";

export interface List extends RollupPeriod {
  network: string;
  /** Shares of the last row read; Infinity before the first page. */
  last: number;
  lastKey: string;
  page: number;
  done: boolean;
}

const FIRST_PAGE = 64;
const MAX_PAGE = 4_096;

/** A list's rows after the last one read, in (shares, key) descending order (exported for the query-plan test). */
export function pageQuery(db: DB, dimension: Ranked, list: Pick<List, "grain" | "period" | "network" | "last" | "lastKey" | "page">) {
  return db
    .selectFrom("analytics_rollups")
    .select(["key", "shares"])
    .where("dimension", "=", dimension)
    .where("grain", "=", list.grain)
    .where("period", "=", list.period)
    .where("network", "=", list.network)
    .where("shares", ">", 0)
    .$if(list.last !== Infinity, (q) =>
      q.where(({ eb, refTuple, tuple }) => eb(refTuple("shares", "key"), "<", tuple(list.last, list.lastKey))),
    )
    .orderBy("shares", "desc")
    .orderBy("key", "desc")
    .limit(list.page);
}

async function readPage(db: DB, dimension: Ranked, list: List): Promise<{ key: string; shares: number }[]> {
  const rows = await pageQuery(db, dimension, list).execute();
  if (rows.length < list.page) list.done = true;
  if (rows.length > 0) {
    list.last = Number(rows[rows.length - 1].shares);
    list.lastKey = rows[rows.length - 1].key;
  }
  list.page = Math.min(MAX_PAGE, list.page * 2);
  return rows.map((r) => ({ key: r.key, shares: Number(r.shares) }));
}

/** Exact shares on the days [first, last] of each key, from its running totals (two lookups per key). */
async function exactTotals(db: DB, dimension: Ranked, first: string, last: string, keys: string[], into: Map<string, number>) {
  for (const [key, shares] of await sharesBetweenDays(db, dimension, keys, first, last)) into.set(key, shares);
}

/**
 * Keys with the most shares in the periods: every key whose total reaches the limit-th best (ties
 * included), when more than `limit` keys have shares; null otherwise (the table may then also list
 * keys with clicks only, and the caller reads them all). The tests set a small first page, to cross
 * many page boundaries, and read `stats`: rounds of pages, rows read from the lists, exact totals.
 */
export async function topKeys(
  db: DB,
  dimension: Ranked,
  blocks: RollupPeriod[],
  limit: number,
  options: { firstPage?: number; stats?: { rounds: number; listRows: number; exact: number } } = {},
): Promise<string[] | null> {
  const { stats } = options;
  const firstPage = options.firstPage ?? Math.max(FIRST_PAGE, 2 * limit);
  const first = blocks.map((b) => daysOf(b).first).reduce((a, b) => (a < b ? a : b));
  const last = blocks.map((b) => daysOf(b).last).reduce((a, b) => (a > b ? a : b));
  const bounds = boundingPeriods(first, last);
  const lists: List[] = (bounds.length < blocks.length ? bounds : blocks).map((b) => ({
    ...b,
    network: "",
    last: Infinity,
    lastKey: "",
    page: firstPage,
    done: false,
  }));
  const totals = new Map<string, number>();
  // What each key met has in each list (undefined: not met there yet), for the keys without an exact total.
  const candidates = new Map<string, (number | undefined)[]>();
  // A key's shares in the range are at most the sum of its shares in the lists, counting the last row
  // read for a list it was not met in yet (nothing for a list read to its end).
  const bound = (mine: (number | undefined)[]) => {
    let sum = 0;
    for (let i = 0; i < mine.length; i++) sum += mine[i] ?? (lists[i].done ? 0 : lists[i].last);
    return sum;
  };
  const sharers = () => [...totals.values()].filter((n) => n > 0).sort((a, b) => b - a);
  // Exact totals are asked for highest bounds first, in batches that double as the bounds come closer.
  let batchSize = Math.max(2 * limit, 64);
  for (;;) {
    const open = lists.filter((l) => !l.done);
    // The lists that hold the threshold up most are read first: those within half of the highest.
    const highest = Math.max(0, ...open.map((l) => l.last));
    const reading = open.filter((l) => l.last * 2 >= highest);
    const pages = await Promise.all(reading.map((l) => readPage(db, dimension, l)));
    pages.forEach((rows, i) => {
      const index = lists.indexOf(reading[i]);
      for (const row of rows) {
        if (totals.has(row.key)) continue;
        let mine = candidates.get(row.key);
        if (!mine) candidates.set(row.key, (mine = new Array<number | undefined>(lists.length)));
        mine[index] = row.shares;
      }
    });
    if (stats) {
      stats.rounds += 1;
      stats.listRows += pages.reduce((n, p) => n + p.length, 0);
    }
    const allRead = lists.every((l) => l.done);
    // Exact totals, highest bounds first, until no key met without one could still reach the
    // limit-th best (when every list is read, everyone met gets one: the caller needs to know
    // whether more than `limit` keys shared at all).
    for (;;) {
      const ranked = sharers();
      const bar = allRead || ranked.length < limit ? 1 : ranked[limit - 1];
      const pending: { key: string; bound: number }[] = [];
      for (const [key, mine] of candidates) {
        const b = bound(mine);
        if (b >= bar) pending.push({ key, bound: b });
      }
      if (pending.length === 0) break;
      const batch = pending
        .sort((a, b) => b.bound - a.bound)
        .slice(0, batchSize)
        .map((p) => p.key);
      batchSize = Math.min(MAX_PAGE, batchSize * 2);
      await exactTotals(db, dimension, first, last, batch, totals);
      for (const key of batch) candidates.delete(key);
      if (stats) stats.exact += batch.length;
    }
    // A key met in a bounding period may have no shares in the range itself.
    const ranked = sharers();
    const threshold = lists.reduce((sum, l) => sum + (l.done ? 0 : l.last), 0);
    if (allRead && ranked.length <= limit) return null;
    if (ranked.length > limit && (allRead || threshold < ranked[limit - 1])) {
      const bar = ranked[limit - 1];
      return [...totals].filter(([, shares]) => shares >= bar).map(([key]) => key);
    }
  }
}

/** People with the most shares in the periods (see topKeys). */
export function topSharers(db: DB, blocks: RollupPeriod[], limit: number): Promise<string[] | null> {
  return topKeys(db, "person", blocks, limit);
}
