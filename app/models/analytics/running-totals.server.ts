/**
 * Shares to date per person and per item (share_running_totals): a row per key and local day with
 * shares, holding every share of the key up to and including that day. A key's shares over any
 * range of days are then two lookups, the total at its last day less the total before its first,
 * instead of one row per period of the range (up to 23 for a year); the people and items tables
 * work out their leaders' exact totals this way (top-sharers.server.ts). A key's shares are its
 * any-network (network "") day rows' in analytics_rollups.
 */
import { PostgresAdapter, sql } from "kysely";
import type { DB } from "~/utils/db.server";

export type RunningDimension = "person" | "item";

export interface RunningEntry {
  dimension: RunningDimension;
  key: string;
  day: string;
  shares: number;
}

const CHUNK = 500;

/**
 * Adds shares to their keys' totals from their day on; call inside the shares' transaction. On
 * PostgreSQL each key is locked for the transaction (an advisory lock, keys in order), so two
 * writers on different days cannot each miss the other's day.
 */
export async function addToRunningTotals(trx: DB, entries: RunningEntry[]): Promise<void> {
  const merged = new Map<string, RunningEntry>();
  for (const e of entries) {
    if (e.shares === 0) continue;
    const id = `${e.dimension}|${e.key}|${e.day}`;
    const row = merged.get(id);
    if (row) row.shares += e.shares;
    else merged.set(id, { ...e });
  }
  const list = [...merged.values()].sort((a, b) =>
    a.dimension + a.key < b.dimension + b.key ? -1 : a.dimension + a.key > b.dimension + b.key ? 1 : 0,
  );
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  for (const e of list) {
    if (postgres) await sql`select pg_advisory_xact_lock(hashtext(${`running|${e.dimension}|${e.key}`}))`.execute(trx);
    const before = await trx
      .selectFrom("share_running_totals")
      .select("shares_to_date")
      .where("dimension", "=", e.dimension)
      .where("key", "=", e.key)
      .where("day", "<", e.day)
      .orderBy("day", "desc")
      .limit(1)
      .executeTakeFirst();
    await trx
      .insertInto("share_running_totals")
      .values({ dimension: e.dimension, key: e.key, day: e.day, shares_to_date: Number(before?.shares_to_date ?? 0) + e.shares })
      .onConflict((oc) =>
        oc
          .columns(["dimension", "key", "day"])
          .doUpdateSet((eb) => ({ shares_to_date: eb("share_running_totals.shares_to_date", "+", e.shares) })),
      )
      .execute();
    // A share dated before the key's last share day (rare: shares are recorded as they happen) moves the later totals.
    await trx
      .updateTable("share_running_totals")
      .set((eb) => ({ shares_to_date: eb("shares_to_date", "+", e.shares) }))
      .where("dimension", "=", e.dimension)
      .where("key", "=", e.key)
      .where("day", ">", e.day)
      .execute();
  }
}

/** Rebuilds every total from the day rows of analytics_rollups (inside a transaction), in one statement. */
export async function rebuildRunningTotals(trx: DB): Promise<void> {
  await trx.deleteFrom("share_running_totals").execute();
  await sql`
    insert into share_running_totals (dimension, key, day, shares_to_date)
    select d.dimension, d.key, d.period, sum(d.shares) over (partition by d.dimension, d.key order by d.period rows unbounded preceding)
    from analytics_rollups d
    where d.dimension in ('person', 'item') and d.grain = 'day' and d.network = '' and d.shares > 0
  `.execute(trx);
}

/** One chunk of keys' shares on the local days [from, to] (exported for the query-plan test). */
export function sharesBetweenDaysQuery(dimension: RunningDimension, keys: string[], from: string, to: string) {
  const totalAt = (op: "<=" | "<", day: string) =>
    sql<number>`coalesce((select r.shares_to_date from share_running_totals r
      where r.dimension = ${dimension} and r.key = k.key and r.day ${sql.raw(op)} ${day}
      order by r.day desc limit 1), 0)`;
  return sql<{ key: string; shares: number }>`
    with k (key) as (values ${sql.join(keys.map((key) => sql`(${key})`))})
    select k.key, ${totalAt("<=", to)} - ${totalAt("<", from)} as shares from k
  `;
}

/** Each key's shares on the local days [from, to] (YYYY-MM-DD); 0 for a key without any. */
export async function sharesBetweenDays(
  db: DB,
  dimension: RunningDimension,
  keys: string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const result = new Map<string, number>(keys.map((k) => [k, 0]));
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await sharesBetweenDaysQuery(dimension, keys.slice(i, i + CHUNK), from, to).execute(db);
    for (const r of rows.rows) result.set(r.key, Number(r.shares));
  }
  return result;
}
