/**
 * Customer care: the queue and the response-time dashboard at two history lengths (SQLite). The number of
 * reports a week and of open reports stays the same while the history (reports and their events) grows 10×,
 * so a figure that grows with it would show a scan beyond the dashboard's indexed range of creation dates.
 * Every figure is printed with its ratio to the smaller size and to a primary-key lookup in the same run.
 */
import fs from "node:fs";
import type { Insertable } from "kysely";
import type { ConversationEventTable, ConversationReportTable } from "#db/schema";
import os from "node:os";
import path from "node:path";
import { listQueue } from "~/models/conversations/care.server";
import { careDashboard } from "~/models/conversations/dashboard.server";
import { createDatabase, migrateToLatest, type DB } from "~/utils/db.server";
import { fmt, removeDatabase } from "./support";

const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const PER_WEEK = 200;
const OPEN = 300;
const WEEK = 7 * 86_400_000;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const SIZES: Record<string, number> = { small: 50, full: 500 };
const KINDS = ["crisis", "complaint", "question", "provocation", "praise"] as const;

async function generate(db: DB, weeks: number): Promise<string> {
  await db
    .insertInto("users")
    .values({
      id: "u1",
      email: "bench@example.com",
      name: "Bench",
      password_hash: null,
      department_id: null,
      locale: null,
      status: "active",
      created_at: 0,
      activated_at: 0,
      deactivated_at: null,
    })
    .execute();
  const total = weeks * PER_WEEK;
  for (let start = 0; start < total; start += 500) {
    const reports: Insertable<ConversationReportTable>[] = [];
    const events: Insertable<ConversationEventTable>[] = [];
    for (let i = start; i < Math.min(total, start + 500); i++) {
      const created = NOW - Math.floor(((i + 0.5) / PER_WEEK) * WEEK);
      const open = i < OPEN;
      const kind = KINDS[i % KINDS.length];
      const first = 10 + (i % 180);
      reports.push({
        id: `r${i}`,
        url: `https://x.com/a/status/${i}`,
        url_key: `https://x.com/a/status/${i}`,
        network: i % 3 ? "x" : "instagram",
        kind,
        urgency: i % KINDS.length,
        handle: null,
        status: open ? "in_progress" : "resolved",
        reporter_id: "u1",
        reporters_count: 1,
        department_id: null,
        claimed_by: null,
        claimed_at: null,
        reply_note: null,
        answer_url: null,
        target_minutes: 90,
        due_at: created + 90 * 60_000,
        first_response_at: open ? null : created + first * 60_000,
        first_response_minutes: open ? null : first,
        within_target: open ? null : first <= 90 ? 1 : 0,
        resolved_at: open ? null : created + 3 * first * 60_000,
        resolution_minutes: open ? null : 3 * first,
        breached_at: null,
        week_key: `w${Math.floor((NOW - created) / WEEK)}`,
        case_study_at: null,
        created_at: created,
        updated_at: created,
      });
      for (const [k, kindOfEvent] of (["reported", "claimed", "replied", "resolved", "claimed"] as const).entries()) {
        events.push({
          id: `e${i}_${k}`,
          report_id: `r${i}`,
          actor_id: "u1",
          kind: kindOfEvent,
          detail: null,
          department_id: null,
          created_at: created + k * 60_000,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("conversation_reports").values(reports).execute();
      for (let j = 0; j < events.length; j += 500)
        await trx
          .insertInto("conversation_events")
          .values(events.slice(j, j + 500))
          .execute();
    });
  }
  return "r0";
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(CALLS * 0.5)], p95: samples[Math.min(CALLS - 1, Math.floor(CALLS * 0.95))] };
}

export async function runCareBench(options: { sizes?: string }): Promise<void> {
  const names = (options.sizes ?? "small,full")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => SIZES[s]);
  const rows: { size: string; reports: number; figures: Record<string, { p50: number; p95: number }> }[] = [];
  for (const size of names) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-bench-care-"));
    const file = path.join(dir, "bench.sqlite");
    const db = createDatabase(file);
    try {
      await migrateToLatest(db);
      const pk = await generate(db, SIZES[size]);
      const figures = {
        "baseline: report by primary key": await time(() =>
          db.selectFrom("conversation_reports").select(["id", "status"]).where("id", "=", pk).executeTakeFirst(),
        ),
        "care queue (open reports)": await time(() => listQueue(db)),
        "dashboard, last 12 weeks": await time(() => careDashboard(db, { weeks: 12, timeZone: "Europe/Madrid", now: NOW })),
      };
      rows.push({ size, reports: SIZES[size] * PER_WEEK, figures });
    } finally {
      await db.destroy();
      removeDatabase(file);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nCustomer care on SQLite (${PER_WEEK} reports a week, ${OPEN} open, 5 events each; ${CALLS} calls):`);
  console.log(
    `| case | ${rows.map((r) => `p50 / p95 ms, ${r.size} (${r.reports.toLocaleString("en")} reports)`).join(" | ")} | p95 growth | p95 ÷ primary key (${rows.at(-1)?.size}) |`,
  );
  console.log(`| --- | ${rows.map(() => "---:").join(" | ")} | ---: | ---: |`);
  for (const name of Object.keys(rows[0]?.figures ?? {})) {
    const cells = rows.map((r) => `${fmt(r.figures[name].p50, 2)} / ${fmt(r.figures[name].p95, 2)}`);
    const growth = rows.length > 1 ? fmt(rows.at(-1)!.figures[name].p95 / rows[0].figures[name].p95, 2) : "—";
    const last = rows.at(-1)!;
    console.log(
      `| ${name} | ${cells.join(" | ")} | ×${growth} | ${fmt(last.figures[name].p95 / last.figures["baseline: report by primary key"].p95, 1)} |`,
    );
  }
}
