/**
 * Leaderboard and feed latency at two (or more) organisation sizes, on SQLite and, when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL too (in a
 * database of its own, dropped afterwards). Every figure comes from the real model functions
 * through Kysely, and is printed with its ratio to the smaller size (how cost grows while the
 * data grows 10×) and to a primary-key lookup measured in the same run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type DB } from "~/utils/db.server";
import { getLeaderboard, type LeaderboardMetric, type LeaderboardPeriod } from "~/models/scoring/leaderboard.server";
import { listFeed } from "~/models/content/feed.server";
import { amplificationTable, ANALYTICS_TABLES, participation, type AnalyticsTable, type Range } from "~/models/analytics/queries.server";
import { trend } from "~/models/analytics/trend.server";
import { parseRange } from "~/models/analytics/present.server";
import { onboardingDashboard } from "~/models/onboarding/dashboard.server";
import { sharesByChannel } from "~/models/notifications/channels.server";
import { DEFAULT_TIME_ZONE } from "~/models/core/periods";
import { BENCH_NOW, generateOrganisation, SIZES, type BenchSize, type Generated } from "./generate";
import { fmt, removeDatabase } from "./support";

const CALLS = Number(process.env.BENCH_CALLS ?? 200);

interface Case {
  name: string;
  run: (db: DB, g: Generated) => Promise<unknown>;
}

function cases(): Case[] {
  const list: Case[] = [
    {
      name: "baseline: user by primary key",
      run: (db, g) => db.selectFrom("users").select(["id", "name"]).where("id", "=", g.lowRankedId).executeTakeFirst(),
    },
  ];
  const periods: [string, (g: Generated) => LeaderboardPeriod][] = [
    ["week", () => "week"],
    ["month", () => "month"],
    ["quarter", () => "quarter"],
    ["all", () => "all"],
    ["campaign", (g) => ({ campaignId: g.runningCampaignId })],
  ];
  const metrics: LeaderboardMetric[] = ["points", "shares", "unique_clicks"];
  for (const [periodName, period] of periods) {
    for (const scope of ["company", "department"] as const) {
      for (const metric of metrics) {
        list.push({
          name: `top 20 ${periodName} ${scope} ${metric}`,
          run: (db, g) =>
            getLeaderboard(db, {
              period: period(g),
              scope: { departmentId: scope === "department" ? g.departmentId : null },
              metric,
              viewerId: g.leaderId,
              viewerCanSeeNames: false,
              at: BENCH_NOW,
            }),
        });
      }
    }
    list.push({
      name: `top 20 + my row (low rank) ${periodName} company points`,
      run: (db, g) =>
        getLeaderboard(db, { period: period(g), metric: "points", viewerId: g.lowRankedId, viewerCanSeeNames: false, at: BENCH_NOW }),
    });
  }
  for (const days of [30, 90, 365]) {
    list.push({
      name: `analytics page: last ${days} days (5 tables, participation, trend, channels)`,
      run: (db) => analyticsPage(db, days),
    });
  }
  // The page's slow parts on their own, so a change to one table shows in its own figure.
  for (const table of ["people", "departments"] as const) {
    for (const days of [30, 365]) {
      list.push({ name: `analytics ${table} table: last ${days} days`, run: (db) => analyticsTable(db, table, days) });
    }
  }
  for (const days of [30, 365]) {
    list.push({ name: `analytics participation: last ${days} days`, run: (db) => participation(db, lastDays(days), DEFAULT_TIME_ZONE) });
  }
  list.push({
    name: "HR onboarding dashboard (all departments)",
    run: (db) => onboardingDashboard(db, { department: "", from: null, to: null }, "es", BENCH_NOW),
  });
  list.push({
    name: "feed: first page, both languages",
    run: (db, g) => listFeed(db, { id: g.leaderId, departmentId: g.departmentId }, { language: null, now: BENCH_NOW }),
  });
  return list;
}

function lastDays(days: number): Range {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const params = new URLSearchParams({ from: day(BENCH_NOW - (days - 1) * 86_400_000), to: day(BENCH_NOW) });
  return parseRange(params, DEFAULT_TIME_ZONE, BENCH_NOW).range;
}

function analyticsTable(db: DB, table: AnalyticsTable, days: number) {
  return amplificationTable(db, table, lastDays(days), { timeZone: DEFAULT_TIME_ZONE, limit: table === "people" ? 50 : undefined });
}

/** What the /analytics loader asks the models for: every table (top 50 of items and people), participation, the trend, shares per channel. */
async function analyticsPage(db: DB, days: number) {
  const range = lastDays(days);
  const timeZone = DEFAULT_TIME_ZONE;
  return Promise.all([
    ...ANALYTICS_TABLES.map((table) =>
      amplificationTable(db, table, range, { timeZone, limit: table === "items" || table === "people" ? 50 : undefined }),
    ),
    participation(db, range, timeZone),
    trend(db, range, timeZone),
    sharesByChannel(db, range),
  ]);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(db: DB, g: Generated, c: Case): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await c.run(db, g); // warm caches and prepared statements
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await c.run(db, g);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

type Results = Map<string, { p50: number; p95: number }>;

async function runOne(
  dialect: "sqlite" | "postgres",
  size: BenchSize,
  adminUrl: string | null,
): Promise<{ generated: Generated; results: Results }> {
  let target: string;
  let cleanup: () => Promise<void>;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-bench-"));
    target = path.join(dir, "bench.sqlite");
    cleanup = async () => {
      removeDatabase(target);
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `altavoz_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl! });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    target = url.toString();
    cleanup = async () => {
      const client = new pg.Client({ connectionString: adminUrl! });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  try {
    console.log(
      `\n${dialect} ${size.name}: generating ${size.people.toLocaleString("en")} people, ${size.ledger.toLocaleString("en")} ledger rows…`,
    );
    const generated = await generateOrganisation(target, size, 7, (line) => console.log(line));
    console.log(
      `  generated in ${fmt(generated.seconds, 0)} s (${generated.bucketRows.toLocaleString("en")} bucket rows); measuring ${CALLS} calls per case`,
    );
    const db = createDatabase(target);
    const results: Results = new Map();
    try {
      // BENCH_MATCH=analytics,HR measures only the cases whose name contains one of them (and the baseline).
      const match = process.env.BENCH_MATCH?.split(",");
      for (const c of cases())
        if (!match || c.name.startsWith("baseline") || match.some((m) => c.name.includes(m)))
          results.set(c.name, await measure(db, generated, c));
    } finally {
      await db.destroy();
    }
    return { generated, results };
  } finally {
    await cleanup();
  }
}

function printTable(dialect: string, runs: { size: BenchSize; generated: Generated; results: Results }[]): void {
  const names = [...runs[0].results.keys()];
  const base = runs[0];
  const last = runs[runs.length - 1];
  console.log(`\n### Leaderboards and feed on ${dialect} (${CALLS} calls each, milliseconds)`);
  for (const r of runs) {
    console.log(
      `- ${r.size.name}: ${r.size.people.toLocaleString("en")} people, ${r.size.ledger.toLocaleString("en")} ledger rows, ${r.generated.bucketRows.toLocaleString("en")} score_buckets rows, ${r.generated.rollupRows.toLocaleString("en")} analytics_rollups rows, generated in ${fmt(r.generated.seconds, 0)} s`,
    );
  }
  const header = [
    "case",
    ...runs.flatMap((r) => [`${r.size.name} p50`, `${r.size.name} p95`]),
    runs.length > 1 ? `p95 ${last.size.name}/${base.size.name} (data ×${fmt(last.size.ledger / base.size.ledger, 0)})` : null,
    `p95 / PK lookup (${last.size.name})`,
  ].filter((h): h is string => h !== null);
  console.log(`| ${header.join(" | ")} |`);
  console.log(
    `| --- | ${header
      .slice(1)
      .map(() => "---:")
      .join(" | ")} |`,
  );
  const pk = last.results.get(names[0])!.p95;
  for (const name of names) {
    const cells = runs.flatMap((r) => [fmt(r.results.get(name)!.p50, 2), fmt(r.results.get(name)!.p95, 2)]);
    if (runs.length > 1) cells.push(fmt(last.results.get(name)!.p95 / base.results.get(name)!.p95, 2));
    cells.push(fmt(last.results.get(name)!.p95 / pk, 1));
    console.log(`| ${name} | ${cells.join(" | ")} |`);
  }
  const analytics = names.filter((n) => n.startsWith("analytics"));
  if (analytics.length > 0)
    console.log(
      `Worst analytics page p95 at ${last.size.name} size: ${fmt(Math.max(...analytics.map((n) => last.results.get(n)!.p95)), 2)} ms (target: ≤ 50 ms); growth ×${fmt(Math.max(...analytics.map((n) => last.results.get(n)!.p95 / base.results.get(n)!.p95)), 2)} for data ×${fmt(last.size.ledger / base.size.ledger, 0)}.`,
    );
  const boards = names.filter((n) => n.startsWith("top 20"));
  if (boards.length === 0) return;
  const worst = Math.max(...boards.map((n) => last.results.get(n)!.p95));
  console.log(`Worst leaderboard p95 at ${last.size.name} size: ${fmt(worst, 2)} ms${dialect === "sqlite" ? " (target: ≤ 50 ms)" : ""}.`);
}

export async function runLeaderboardBench(options: { sizes?: string }): Promise<void> {
  const names = (options.sizes ?? "small,full")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const sizes = names.map((n) => {
    const size = SIZES[n];
    if (!size) throw new Error(`Unknown size ${n}; choose from ${Object.keys(SIZES).join(", ")}`);
    return size;
  });
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null;
  const wanted = (process.env.BENCH_DIALECTS ?? "sqlite,postgres").split(",");
  const dialects = (["sqlite", "postgres"] as const).filter((d) => wanted.includes(d) && (d === "sqlite" || postgresUrl));
  for (const dialect of dialects) {
    const runs = [];
    for (const size of sizes) runs.push({ size, ...(await runOne(dialect, size, postgresUrl)) });
    printTable(dialect, runs);
  }
  if (!postgresUrl) console.log("\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to measure it too.)");
}
