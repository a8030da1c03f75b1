/**
 * Prints the plan of every query a leaderboard request runs, on a database made by generate.ts:
 *   npx tsx tests/bench/explain.ts <sqlite file | postgres:// url> <leaderId> <lowRankedId> <departmentId> <campaignId>
 * and fails when a plan reads the ledger or scans score_buckets whole.
 */
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from "kysely";
import SQLite from "better-sqlite3";
import pg from "pg";
import type { Database } from "#db/schema";
import { getLeaderboard, type LeaderboardPeriod } from "~/models/scoring/leaderboard.server";
import { BENCH_NOW } from "./generate";

const [target, leaderId, lowId, departmentId, campaignId] = process.argv.slice(2);
const postgres = /^postgres(ql)?:\/\//.test(target);
const captured: CompiledQuery[] = [];
let capturing = true;
const dialect = postgres
  ? new PostgresDialect({ pool: new pg.Pool({ connectionString: target, max: 2 }) })
  : new SqliteDialect({ database: new SQLite(target) });
const db = new Kysely<Database>({ dialect, log: (event) => void (capturing && event.level === "query" && captured.push(event.query)) });

const periods: LeaderboardPeriod[] = ["week", "all", { campaignId }];
for (const period of periods) {
  for (const departmentId_ of [null, departmentId]) {
    await getLeaderboard(db, {
      period,
      scope: { departmentId: departmentId_ },
      metric: "points",
      viewerId: lowId,
      viewerCanSeeNames: false,
      at: BENCH_NOW,
    });
    await getLeaderboard(db, {
      period,
      scope: { departmentId: departmentId_ },
      metric: "shares",
      viewerId: leaderId,
      viewerCanSeeNames: false,
      at: BENCH_NOW,
    });
  }
}
capturing = false;
const seen = new Set<string>();
let bad = 0;
for (const query of captured) {
  if (seen.has(query.sql)) continue;
  seen.add(query.sql);
  const plan = postgres
    ? (
        await sql
          .raw<{ "QUERY PLAN": string }>(`explain ${query.sql.replace(/\$(\d+)/g, (_, n) => literal(query.parameters[Number(n) - 1]))}`)
          .execute(db)
      ).rows.map((r) => r["QUERY PLAN"])
    : (await sql.raw<{ detail: string }>(`explain query plan ${inline(query.sql, [...query.parameters])}`).execute(db)).rows.map(
        (r) => r.detail,
      );
  const text = plan.join("\n");
  const problem =
    /points_ledger/.test(text) || /Seq Scan on score_buckets/.test(text) || /^SCAN score_buckets\b/m.test(text) || /^SCAN sb\b/m.test(text);
  if (problem) bad += 1;
  console.log(`\n${problem ? "PROBLEM " : ""}${query.sql}\n  ${plan.join("\n  ")}`);
}
function inline(text: string, parameters: unknown[]): string {
  return text.replace(/\?/g, () => literal(parameters.shift()));
}
function literal(value: unknown): string {
  return typeof value === "number" ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
}
await db.destroy();
console.log(`\n${seen.size} distinct queries, ${bad} reading the ledger or scanning score_buckets whole.`);
process.exit(bad ? 1 : 0);
