/**
 * A synthetic organisation for the leaderboard and feed benchmarks: people in departments, a year
 * of ledger rows (shares, unique clicks, onboarding and ideas) and the score_buckets that the app
 * would have kept for them, computed in the same pass with the app's own period keys (weeks from
 * Monday, months, quarters in the organisation's zone, all time, campaign windows). The same seed
 * gives the same rows on SQLite (better-sqlite3 prepared statements in large transactions) and
 * PostgreSQL (unnest() arrays of 20,000 rows per statement). Secondary indexes of the two big tables
 * are dropped during the load and rebuilt afterwards, as a bulk load would.
 *
 * The analytics rollups are written as the app would have kept them for the same shares and clicks
 * (each share row of the ledger is a share of a recent item on LinkedIn or X with a reach; each
 * unique-click row a unique click, with a third as many repeat clicks), flushed period by period so
 * memory stays bounded at any size.
 *
 * Only the tables the measured queries read are filled: the ledger stands for the source of
 * truth (its share rows give the shares counter; its unique_click rows stand for link_clicks,
 * which the redirect benchmark exercises), score_buckets, users, departments, campaigns, and
 * a library of content items for the feed.
 */
import { randomBytes } from "node:crypto";
import SQLite from "better-sqlite3";
import pg from "pg";
import { createDatabase, inTransaction, migrateToLatest } from "~/utils/db.server";
import { recomputeSharingGaps } from "~/models/analytics/sharing-gaps.server";
import { rebuildRunningTotals } from "~/models/analytics/running-totals.server";
import { rebuildOnboardingProgress } from "~/models/onboarding/progress.server";
import { bucketKeysAt, DEFAULT_TIME_ZONE, formatLocalDate, startOfLocalDay, localDate } from "~/models/core/periods";
import { monthOf, weekOf, yearOf } from "~/models/analytics/rollup-periods";
import { mulberry32 as prng } from "../support/random";

export interface BenchSize {
  name: string;
  people: number;
  ledger: number;
  departments: number;
  items: number;
}

export const SIZES: Record<string, BenchSize> = {
  tiny: { name: "tiny", people: 1_000, ledger: 100_000, departments: 10, items: 300 },
  small: { name: "small", people: 10_000, ledger: 1_000_000, departments: 25, items: 1_000 },
  medium: { name: "medium", people: 30_000, ledger: 3_000_000, departments: 40, items: 2_000 },
  full: { name: "full", people: 100_000, ledger: 10_000_000, departments: 60, items: 3_000 },
};

/** The benchmark's "now": every board is asked for the periods containing it. */
export const BENCH_NOW = Date.UTC(2026, 10, 18, 11, 0); // Wednesday 18 November 2026, 12:00 in Madrid
const DAYS = 365;
const TIME_ZONE = DEFAULT_TIME_ZONE;

export interface Generated {
  /** People by all-time points: the first is the leader, the last a low-ranked active person. */
  leaderId: string;
  lowRankedId: string;
  departmentId: string;
  runningCampaignId: string;
  ledgerRows: number;
  bucketRows: number;
  rollupRows: number;
  seconds: number;
}

const uuid = (next: () => number) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

interface Sink {
  begin(): Promise<void>;
  rows(table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void>;
  commit(): Promise<void>;
  /** Drops the secondary indexes of a table, returning the statements that rebuild them. */
  dropIndexes(table: string): Promise<string[]>;
  exec(statement: string): Promise<void>;
  close(): Promise<void>;
}

function sqliteSink(file: string): Sink {
  const raw = new SQLite(file);
  // Not OFF: better-sqlite3's defensive mode refuses it and the database stayed in WAL, so a load
  // of millions of rows in one transaction went through a WAL of several gigabytes.
  raw.pragma("journal_mode = MEMORY");
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -262144");
  const statements = new Map<string, SQLite.Statement>();
  return {
    async begin() {
      raw.exec("begin");
    },
    async rows(table, columns, _types, rows) {
      const key = `${table}|${columns.join(",")}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = raw.prepare(`insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`);
        statements.set(key, statement);
      }
      for (const row of rows) statement.run(row);
    },
    async commit() {
      raw.exec("commit");
    },
    async dropIndexes(table) {
      const indexes = raw
        .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null")
        .all(table) as { name: string; sql: string }[];
      for (const index of indexes) raw.exec(`drop index ${index.name}`);
      return indexes.map((i) => i.sql);
    },
    async exec(statement) {
      raw.exec(statement);
    },
    async close() {
      raw.pragma("journal_mode = WAL");
      raw.close();
    },
  };
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Foreign keys are checked by triggers; a bulk load of rows known to be consistent skips them.
  await client.query("set session_replication_role = replica");
  await client.query("set synchronous_commit = off");
  return {
    async begin() {
      await client.query("begin");
    },
    async rows(table, columns, types, rows) {
      const arrays = columns.map((_, c) => rows.map((r) => r[c]));
      const unnest = types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");
      await client.query(`insert into ${table} (${columns.join(", ")}) select * from unnest(${unnest})`, arrays);
    },
    async commit() {
      await client.query("commit");
    },
    async dropIndexes(table) {
      const { rows } = await client.query(
        `select i.indexname, i.indexdef from pg_indexes i
          where i.tablename = $1 and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [table],
      );
      for (const r of rows) await client.query(`drop index ${r.indexname}`);
      return rows.map((r) => r.indexdef as string);
    },
    async exec(statement) {
      await client.query(statement);
    },
    async close() {
      await client.end();
    },
  };
}

/** The local days of the year before BENCH_NOW with their start instants and bucket keys. */
function calendar() {
  const last = localDate(BENCH_NOW, TIME_ZONE);
  const days: { start: number; end: number; keys: { kind: string; key: string }[] }[] = [];
  for (let i = DAYS - 1; i >= 0; i--) {
    const t = new Date(Date.UTC(last.year, last.month - 1, last.day - i));
    const date = { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
    const n = new Date(Date.UTC(last.year, last.month - 1, last.day - i + 1));
    const start = startOfLocalDay(date, TIME_ZONE);
    const end = Math.min(
      startOfLocalDay({ year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate() }, TIME_ZONE),
      i === 0 ? BENCH_NOW : Infinity,
    );
    days.push({ start, end, keys: bucketKeysAt(start, TIME_ZONE) });
  }
  return days;
}

const ACTIONS = [
  { action: "share", type: "share", points: 10, share: 1, click: 0, weight: 0.3 },
  { action: "unique_click", type: "link_visit", points: 1, share: 0, click: 1, weight: 0.62 },
  { action: "guideline_acknowledged", type: "guideline_version", points: 20, share: 0, click: 0, weight: 0.04 },
  { action: "workshop_completed", type: "workshop", points: 50, share: 0, click: 0, weight: 0.03 },
  { action: "idea_accepted", type: "idea", points: 25, share: 0, click: 0, weight: 0.01 },
] as const;

const ROLLUP_COLUMNS = ["dimension", "grain", "period", "key", "network", "shares", "reach", "clicks", "unique_clicks", "ambassadors"];
const ROLLUP_TYPES = ["text", "text", "text", "text", "text", "int", "bigint", "int", "int", "int"];

/** analytics_rollups for one grain, held for the open period and written when it closes. */
class RollupGrain {
  private period = "";
  private rows = new Map<string, (string | number)[]>();
  private sharers = new Set<number>();
  written = 0;
  constructor(
    private readonly grain: "day" | "week" | "month" | "year",
    private readonly sink: Sink,
  ) {}

  async open(period: string): Promise<void> {
    if (period !== this.period) await this.flush();
    this.period = period;
  }

  add(person: number, keys: [string, string][], network: string, shares: number, reach: number, clicks: number, unique: number): void {
    for (const [dimension, key] of keys) {
      const id = `${dimension}|${key}|${network}`;
      let row = this.rows.get(id);
      if (!row) this.rows.set(id, (row = [dimension, this.grain, this.period, key, network, 0, 0, 0, 0, 0]));
      (row[5] as number) += shares;
      (row[6] as number) += reach;
      (row[7] as number) += clicks;
      (row[8] as number) += unique;
    }
    if (shares) {
      this.sharers.add(person);
      // The person's and the item's shares on any network, as the app keeps them (ambassadors, rankings).
      for (const [dimension, key] of [keys[2], keys[1]]) {
        const id = `${dimension}|${key}|`;
        const row = this.rows.get(id) ?? [dimension, this.grain, this.period, key, "", 0, 0, 0, 0, 0];
        (row[5] as number) += shares;
        this.rows.set(id, row);
      }
    }
  }

  async flush(): Promise<void> {
    if (this.sharers.size) this.rows.set("ambassadors", ["all", this.grain, this.period, "", "", 0, 0, 0, 0, this.sharers.size]);
    const rows = [...this.rows.values()];
    for (let i = 0; i < rows.length; i += 20_000)
      await this.sink.rows("analytics_rollups", ROLLUP_COLUMNS, ROLLUP_TYPES, rows.slice(i, i + 20_000));
    this.written += rows.length;
    this.rows = new Map();
    this.sharers = new Set();
  }
}

/**
 * Creates and fills the database. `target` is a SQLite file path or a postgres:// URL of an empty
 * database.
 */
export async function generateOrganisation(
  target: string,
  size: BenchSize,
  seed = 7,
  log: (line: string) => void = () => {},
): Promise<Generated> {
  const started = performance.now();
  const db = createDatabase(target);
  await migrateToLatest(db);
  await db.destroy();
  const postgres = /^postgres(ql)?:\/\//.test(target);
  const sink = postgres ? await postgresSink(target) : sqliteSink(target);
  const next = prng(seed);
  const now = BENCH_NOW;

  // Departments and people: 5% opted out of public boards, 0.5% deactivated.
  const departments = Array.from({ length: size.departments }, (_, i) => ({ id: uuid(next), name: `Department ${i + 1}` }));
  const people = Array.from({ length: size.people }, (_, i) => ({
    id: uuid(next),
    department: Math.floor(next() * size.departments),
    optOut: next() < 0.05 ? 1 : 0,
    deactivated: next() < 0.005,
    index: i,
  }));
  await sink.begin();
  await sink.rows(
    "departments",
    ["id", "name", "created_at"],
    ["text", "text", "bigint"],
    departments.map((d) => [d.id, d.name, now - DAYS * 86_400_000]),
  );
  for (let i = 0; i < people.length; i += 20_000) {
    await sink.rows(
      "users",
      ["id", "email", "name", "department_id", "status", "created_at", "activated_at", "deactivated_at", "leaderboard_opt_out"],
      ["text", "text", "text", "text", "text", "bigint", "bigint", "bigint", "int"],
      people
        .slice(i, i + 20_000)
        .map((p) => [
          p.id,
          `person${p.index}@bench.example`,
          `Person ${p.index}`,
          departments[p.department].id,
          p.deactivated ? "deactivated" : "active",
          now - DAYS * 86_400_000,
          now - DAYS * 86_400_000,
          p.deactivated ? now - 86_400_000 : null,
          p.optOut,
        ]),
    );
    await sink.rows(
      "user_roles",
      ["user_id", "role"],
      ["text", "text"],
      people.slice(i, i + 20_000).map((p) => [p.id, "employee"]),
    );
  }
  await sink.commit();

  // Campaigns: one every two months, a month long; the last one is running at BENCH_NOW.
  const days = calendar();
  const campaigns = Array.from({ length: 6 }, (_, i) => {
    const first = DAYS - 1 - (5 - i) * 60 - 20;
    return {
      id: uuid(next),
      name: `Campaign ${i + 1}`,
      start: days[first].start,
      end: days[Math.min(DAYS - 1, first + 30)].end + (i === 5 ? 86_400_000 * 10 : 0),
    };
  });
  await sink.begin();
  await sink.rows(
    "campaigns",
    ["id", "name", "description", "goal", "goal_shares", "starts_at", "ends_at", "created_at", "updated_at"],
    ["text", "text", "text", "text", "int", "bigint", "bigint", "bigint", "bigint"],
    campaigns.map((c) => [c.id, c.name, "", null, 5000, c.start, c.end, c.start, c.start]),
  );
  await sink.commit();

  // Content library for the feed: published items over the year, a fifth for one department.
  const items = Array.from({ length: size.items }, (_, i) => ({
    id: uuid(next),
    day: Math.floor((i / size.items) * DAYS),
    campaign: next() < 0.4 ? campaigns[Math.floor(next() * campaigns.length)].id : null,
    target: next() < 0.2 ? departments[Math.floor(next() * departments.length)].id : null,
    language: next() < 0.7 ? "es" : "en",
  }));
  await sink.begin();
  for (let i = 0; i < items.length; i += 5_000) {
    const part = items.slice(i, i + 5_000);
    await sink.rows(
      "content_items",
      [
        "id",
        "title",
        "commentary_md",
        "destination_url",
        "language",
        "hashtags",
        "search_text",
        "status",
        "publish_at",
        "campaign_id",
        "created_at",
        "updated_at",
      ],
      ["text", "text", "text", "text", "text", "text", "text", "text", "bigint", "text", "bigint", "bigint"],
      part.map((it, j) => {
        const at = days[it.day].start + 9 * 3_600_000;
        return [
          it.id,
          `News ${i + j}`,
          "Something **worth** sharing.",
          `https://example.com/news/${i + j}`,
          it.language,
          "#News",
          `news ${i + j} something worth sharing`,
          "published",
          at,
          it.campaign,
          at,
          at,
        ];
      }),
    );
    await sink.rows(
      "content_share_texts",
      ["item_id", "network", "text"],
      ["text", "text", "text"],
      part.flatMap((it) => [
        [it.id, "linkedin", "Worth a read."],
        [it.id, "x", "Worth a read"],
      ]),
    );
    await sink.rows(
      "content_topics",
      ["item_id", "topic"],
      ["text", "text"],
      part.map((it, j) => [it.id, `topic${(i + j) % 12}`]),
    );
    const targeted = part.filter((it) => it.target);
    if (targeted.length)
      await sink.rows(
        "content_targets",
        ["item_id", "department_id"],
        ["text", "text"],
        targeted.map((it) => [it.id, it.target]),
      );
  }
  await sink.commit();

  // The ledger, a year of it in time order, and the running totals it implies.
  const ledgerIndexes = await sink.dropIndexes("points_ledger");
  const bucketIndexes = await sink.dropIndexes("score_buckets");
  const periods = new Map<string, { kind: string; key: string; points: Int32Array; shares: Int32Array; clicks: Int32Array }>();
  const period = (kind: string, key: string) => {
    const id = `${kind}|${key}`;
    let p = periods.get(id);
    if (!p) {
      p = { kind, key, points: new Int32Array(size.people), shares: new Int32Array(size.people), clicks: new Int32Array(size.people) };
      periods.set(id, p);
    }
    return p;
  };
  const cumulative = ACTIONS.map((_, i) => ACTIONS.slice(0, i + 1).reduce((s, a) => s + a.weight, 0));
  const perDay = size.ledger / DAYS;
  const grains = [
    new RollupGrain("day", sink),
    new RollupGrain("week", sink),
    new RollupGrain("month", sink),
    new RollupGrain("year", sink),
  ];
  let written = 0;
  let reference = 0;
  let batch: unknown[][] = [];
  await sink.begin();
  for (let d = 0; d < DAYS; d++) {
    const day = days[d];
    const count = d === DAYS - 1 ? size.ledger - written : Math.round(perDay * (d + 1)) - written;
    const buckets = [...day.keys.map((k) => period(k.kind, k.key))];
    const running = campaigns.filter((c) => c.start <= day.start && c.end > day.start);
    const times = Array.from({ length: count }, () => day.start + Math.floor(next() * (day.end - day.start))).sort((a, b) => a - b);
    const label = formatLocalDate(localDate(day.start, TIME_ZONE));
    await grains[0].open(label);
    await grains[1].open(weekOf(label));
    await grains[2].open(monthOf(label));
    await grains[3].open(yearOf(label));
    // Items shared today: those published in the last 60 days.
    const firstItem = items.findIndex((it) => it.day > d - 60);
    const after = items.findIndex((it) => it.day > d);
    const lastItem = Math.max(firstItem, (after === -1 ? items.length : after) - 1);
    for (const at of times) {
      // A few very active people, a long tail: the product of two uniforms leans towards 0.
      const person = Math.floor(next() * next() * size.people);
      const r = next();
      const a = ACTIONS[cumulative.findIndex((c) => r < c)] ?? ACTIONS[0];
      if (a.share || a.click) {
        const item = items[firstItem + Math.floor(next() * (lastItem - firstItem + 1))] ?? items[0];
        const network = next() < 0.6 ? "linkedin" : "x";
        const keys: [string, string][] = [
          ["all", ""],
          ["item", item.id],
          ["person", people[person].id],
          ["department", departments[people[person].department].id],
          ["campaign", item.campaign ?? ""],
        ];
        const reach = a.share ? 50 + Math.floor(next() * 950) : 0;
        const clicks = a.click ? (next() < 0.33 ? 2 : 1) : 0;
        for (const g of grains) g.add(person, keys, network, a.share, reach, clicks, a.click);
      }
      reference += 1;
      batch.push([people[person].id, a.action, a.points, a.type, reference.toString(36), at]);
      const targets = [...buckets, ...running.filter((c) => c.start <= at && c.end > at).map((c) => period("campaign", c.id))];
      for (const p of targets) {
        p.points[person] += a.points;
        p.shares[person] += a.share;
        p.clicks[person] += a.click;
      }
      if (batch.length === 20_000) {
        await sink.rows(
          "points_ledger",
          ["user_id", "action", "points", "reference_type", "reference_id", "created_at"],
          ["text", "text", "int", "text", "text", "bigint"],
          batch,
        );
        batch = [];
      }
    }
    written += count;
    if (d % 60 === 59) log(`  ledger: ${written.toLocaleString("en")} rows`);
  }
  if (batch.length)
    await sink.rows(
      "points_ledger",
      ["user_id", "action", "points", "reference_type", "reference_id", "created_at"],
      ["text", "text", "int", "text", "text", "bigint"],
      batch,
    );
  for (const g of grains) await g.flush();
  await sink.commit();
  log(`  analytics_rollups: ${grains.reduce((n, g) => n + g.written, 0).toLocaleString("en")} rows`);

  let bucketRows = 0;
  await sink.begin();
  for (const p of periods.values()) {
    let rows: unknown[][] = [];
    for (let i = 0; i < size.people; i++) {
      if (p.points[i] === 0 && p.shares[i] === 0 && p.clicks[i] === 0) continue;
      rows.push([p.kind, p.key, people[i].id, departments[people[i].department].id, p.points[i], p.shares[i], p.clicks[i]]);
      if (rows.length === 20_000) {
        await sink.rows(
          "score_buckets",
          ["period_kind", "period_key", "user_id", "department_id", "points", "shares", "unique_clicks"],
          ["text", "text", "text", "text", "int", "int", "int"],
          rows,
        );
        bucketRows += rows.length;
        rows = [];
      }
    }
    if (rows.length) {
      await sink.rows(
        "score_buckets",
        ["period_kind", "period_key", "user_id", "department_id", "points", "shares", "unique_clicks"],
        ["text", "text", "text", "text", "int", "int", "int"],
        rows,
      );
      bucketRows += rows.length;
    }
  }
  await sink.commit();
  log(`  score_buckets: ${bucketRows.toLocaleString("en")} rows; rebuilding indexes`);
  for (const statement of [...ledgerIndexes, ...bucketIndexes]) await sink.exec(statement);

  // The feed viewer's own shares, so "already shared" is looked up for real.
  const all = periods.get("all|all")!;
  const active = people.filter((p) => !p.deactivated);
  const ranked = active.filter((p) => all.points[p.index] > 0).sort((x, y) => all.points[y.index] - all.points[x.index]);
  const leader = ranked[0];
  const low = ranked[Math.floor(ranked.length * 0.98)];
  await sink.begin();
  await sink.rows(
    "shares",
    ["id", "user_id", "item_id", "network", "created_at"],
    ["text", "text", "text", "text", "bigint"],
    items.slice(-200).map((it) => [randomBytes(16).toString("hex"), leader.id, it.id, "linkedin", now - 3_600_000]),
  );
  await sink.commit();
  // PostgreSQL's autovacuum would do this soon after a load; it lets counts use index-only scans.
  // SQLite is left as the app leaves it: no ANALYZE statistics.
  if (postgres) await sink.exec("vacuum analyze");
  await sink.close();
  // Where each employee stands in onboarding (nothing is required here: every active one is a certified
  // ambassador), then the sharing gaps and running totals that follow from the day rows just written,
  // as the app would have kept them.
  const gapsDb = createDatabase(target);
  await rebuildOnboardingProgress(gapsDb);
  await inTransaction(gapsDb, (trx) => recomputeSharingGaps(trx));
  await inTransaction(gapsDb, (trx) => rebuildRunningTotals(trx));
  await gapsDb.destroy();
  return {
    leaderId: leader.id,
    lowRankedId: low.id,
    departmentId: departments[people[low.index].department].id,
    runningCampaignId: campaigns[5].id,
    ledgerRows: size.ledger,
    bucketRows,
    rollupRows: grains.reduce((n, g) => n + g.written, 0),
    seconds: (performance.now() - started) / 1000,
  };
}
