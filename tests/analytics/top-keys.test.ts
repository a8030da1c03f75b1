import { CompiledQuery, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { amplificationTable } from "~/models/analytics/queries.server";
import { RollupAccumulator, upsertRollups } from "~/models/analytics/rollups.server";
import { addDays, blocksBetween, type RollupPeriod } from "~/models/analytics/rollup-periods";
import { pageQuery, topKeys } from "~/models/analytics/top-sharers.server";
import { rebuildRunningTotals, sharesBetweenDaysQuery } from "~/models/analytics/running-totals.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { db, inTransaction } from "~/utils/db.server";
import { mulberry32 as random } from "../support/random";

const postgres = process.env.TEST_DIALECT === "postgres";
const DAY = 86_400_000;
const FIRST = "2026-01-01";

/**
 * A data set of rollup rows over 120 days (or `span` from `first`): `people` sharers and a quarter as many items, on three
 * networks, with small counts (many ties). Skewed data has a few very active people; even data
 * has none, so the ranked lists are read deep, over several pages.
 */
async function fill(seed: number, people: number, events: number, skewed: boolean, span = 120, first = FIRST) {
  await db.deleteFrom("analytics_rollups").execute();
  const next = random(seed);
  const acc = new RollupAccumulator();
  for (let i = 0; i < events; i++) {
    const who = Math.floor((skewed ? next() * next() : next()) * people);
    const share = next() < 0.7;
    acc.addEvent({
      day: addDays(first, Math.floor(next() * span)),
      userId: `p${who}`,
      departmentId: null,
      itemId: `i${Math.floor(next() * (people / 4))}`,
      campaignId: null,
      network: ["linkedin", "x", "facebook"][Math.floor(next() * 3)],
      shares: share ? 1 : 0,
      clicks: share ? 0 : 1,
      uniqueClicks: share ? 0 : 1,
    });
  }
  // The day rows as addRollups leaves them, with the running totals that follow from them.
  await inTransaction(db, async (trx) => {
    await upsertRollups(trx, acc.rows.values());
    await rebuildRunningTotals(trx);
  });
  return [...acc.rows.values()];
}

type Row = { dimension: string; grain: string; period: string; key: string; network: string; shares: number };

/** The same answer from every row of the periods. */
function naive(rows: Row[], dimension: "person" | "item", blocks: RollupPeriod[], limit: number): string[] | null {
  const ids = new Set(blocks.map((b) => `${b.grain}|${b.period}`));
  const totals = new Map<string, number>();
  for (const r of rows) {
    if (r.dimension !== dimension || !ids.has(`${r.grain}|${r.period}`) || (dimension === "person") !== (r.network === "")) continue;
    totals.set(r.key, (totals.get(r.key) ?? 0) + Number(r.shares));
  }
  const sharers = [...totals].filter(([, n]) => n > 0);
  if (sharers.length <= limit) return null;
  const bar = sharers.map(([, n]) => n).sort((a, b) => b - a)[limit - 1];
  return sharers
    .filter(([, n]) => n >= bar)
    .map(([k]) => k)
    .sort();
}

describe("the exact top rows (threshold algorithm over ranked periods)", () => {
  for (const skewed of [true, false]) {
    it(`are the naive top rows, ties included, over random ranges of ${skewed ? "skewed" : "evenly spread"} data`, async () => {
      const rows = await fill(skewed ? 5 : 6, 300, 3_000, skewed);
      const next = random(skewed ? 50 : 60);
      let deep = 0;
      for (let i = 0; i < 16; i++) {
        const from = addDays(FIRST, Math.floor(next() * 110));
        const blocks = blocksBetween(from, addDays(from, Math.floor(next() * (i < 2 ? 3 : 120))));
        const limit = [1, 3, 10, 50, 200][Math.floor(next() * 5)];
        for (const dimension of ["person", "item"] as const) {
          const expected = naive(rows, dimension, blocks, limit);
          for (const firstPage of [undefined, 3]) {
            const stats = { rounds: 0, listRows: 0, exact: 0 };
            const got = await topKeys(db, dimension, blocks, limit, { firstPage, stats });
            expect(got?.sort() ?? null, `${dimension} ${from} ${blocks.length} blocks, top ${limit}, page ${firstPage}`).toEqual(expected);
            if (stats.rounds > 2) deep += 1;
          }
        }
      }
      // Several rankings read past the first page of their lists.
      expect(deep).toBeGreaterThan(5);
    });
  }

  for (const skewed of [true, false]) {
    it(`are the naive top rows over ranges of up to 400 days across two years, read from bounding years and months (${skewed ? "skewed" : "even"})`, async () => {
      const start = "2025-01-01";
      const rows = await fill(skewed ? 7 : 9, 200, 4_000, skewed, 730, start);
      const next = random(skewed ? 70 : 90);
      for (let i = 0; i < 14; i++) {
        const from = addDays(start, Math.floor(next() * 500));
        // A few short ranges, where someone met in a bounding month may have no shares in the range.
        const blocks = blocksBetween(from, addDays(from, Math.floor(next() * (i < 4 ? 12 : 400))));
        const limit = [1, 3, 10, 50, 150][Math.floor(next() * 5)];
        for (const dimension of ["person", "item"] as const) {
          const expected = naive(rows, dimension, blocks, limit);
          for (const firstPage of [undefined, 2]) {
            const got = await topKeys(db, dimension, blocks, limit, { firstPage });
            expect(got?.sort() ?? null, `${dimension} ${from} ${blocks.length} blocks, top ${limit}, page ${firstPage}`).toEqual(expected);
          }
        }
      }
    });
  }

  it("does not count someone met in a bounding month with no shares in the range itself", async () => {
    await db.deleteFrom("analytics_rollups").execute();
    const acc = new RollupAccumulator();
    const share = (day: string, userId: string, shares: number) =>
      acc.addEvent({ day, userId, departmentId: null, itemId: `i-${userId}`, campaignId: null, network: "x", shares });
    share("2026-03-01", "a", 2);
    share("2026-03-02", "b", 1);
    share("2026-03-20", "c", 5);
    await inTransaction(db, async (trx) => {
      await upsertRollups(trx, acc.rows.values());
      await rebuildRunningTotals(trx);
    });
    // 1–18 March: eight exact blocks, bounded by the month, where c is met first.
    const blocks = blocksBetween("2026-03-01", "2026-03-18");
    expect(blocks.length).toBeGreaterThan(1);
    for (const dimension of ["person", "item"] as const) {
      expect(await topKeys(db, dimension, blocks, 2)).toBeNull();
      expect(await topKeys(db, dimension, blocks, 1)).toEqual([dimension === "person" ? "a" : "i-a"]);
    }
  });

  it("gives the items table the same first rows and total as the whole table", async () => {
    await fill(8, 200, 3_000, true);
    expect(await setOrganisationTimeZone(db, "UTC")).toBe(true);
    const next = random(80);
    for (let i = 0; i < 8; i++) {
      const start = Date.UTC(2026, 0, 1) + Math.floor(next() * 100) * DAY;
      const range = { start, end: start + (1 + Math.floor(next() * 60)) * DAY };
      const limit = 1 + Math.floor(next() * 8);
      const whole = await amplificationTable(db, "items", range, { timeZone: "UTC" });
      const top = await amplificationTable(db, "items", range, { timeZone: "UTC", limit });
      expect(top.rows).toEqual(whole.rows.slice(0, limit));
      expect(top.total).toEqual(whole.total);
      expect(top.more).toBe(whole.rows.length > limit);
    }
  });

  /** The database's plan for a compiled query, as one line. */
  async function planOf({ sql: text, parameters }: CompiledQuery): Promise<string> {
    const plan = await inTransaction(db, async (trx) => {
      // A test database is small: without this PostgreSQL would rather read it all.
      if (postgres) await sql`set local enable_seqscan = off`.execute(trx);
      return trx.executeQuery<Record<string, string>>(
        CompiledQuery.raw(`explain ${postgres ? "" : "query plan "}${text}`, [...parameters]),
      );
    });
    return plan.rows.map((r) => r["QUERY PLAN"] ?? r.detail).join(" ");
  }

  it("reads a period's ranked rows through analytics_rollups_rank_idx, in its order", async () => {
    const list = { grain: "month", period: "2026-02", network: "", last: 3, lastKey: "p9", page: 64 } as const;
    const detail = await planOf(pageQuery(db, "person", list).compile());
    expect(detail).toMatch(
      postgres ? /Index \w* ?Scan Backward using analytics_rollups_rank_idx/ : /USING (COVERING )?INDEX analytics_rollups_rank_idx/,
    );
    expect(detail).not.toMatch(postgres ? /Sort/ : /TEMP B-TREE/);
  });

  it("reads each key's running totals from share_running_totals_cover_idx alone", async () => {
    const detail = await planOf(sharesBetweenDaysQuery("person", ["p1", "p2"], "2026-01-10", "2026-02-20").compile(db));
    expect(detail).toMatch(
      postgres ? /Index Only Scan Backward using share_running_totals_cover_idx/ : /USING COVERING INDEX share_running_totals_cover_idx/,
    );
  });
});
