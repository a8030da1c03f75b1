import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "#db/migrations/index";
import { createDatabase, DEFAULT_SQLITE_FILE, dialectOf, getDb, isDatabaseReachable, migrateToLatest, type DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";

import type { Database } from "#db/schema";

/** Every table of the Database type; a table added to the type and not here fails to compile. */
const DATABASE_TABLES: Record<keyof Database, true> = {
  departments: true,
  users: true,
  user_roles: true,
  sessions: true,
  invitations: true,
  outbox: true,
  people_imports: true,
  people_syncs: true,
  settings: true,
  point_rules: true,
  points_ledger: true,
  score_buckets: true,
  analytics_rollups: true,
  department_people: true,
  sharing_gaps: true,
  person_item_rollups: true,
  share_running_totals: true,
  channel_rollups: true,
  conversions: true,
  conversion_rollups: true,
  link_conversion_totals: true,
  conversion_webhook_replays: true,
  click_inbox: true,
  link_networks: true,
  tracked_links: true,
  link_clicks: true,
  link_visitors: true,
  visitor_salts: true,
  rate_limits: true,
  follower_counts: true,
  campaigns: true,
  content_items: true,
  content_share_texts: true,
  content_share_variants: true,
  share_variant_uses: true,
  share_variant_days: true,
  content_topics: true,
  content_targets: true,
  content_transitions: true,
  ideas: true,
  shares: true,
  guideline_documents: true,
  guideline_versions: true,
  guideline_version_texts: true,
  guideline_acknowledgements: true,
  guideline_reminders: true,
  workshops: true,
  workshop_versions: true,
  workshop_version_texts: true,
  workshop_lesson_progress: true,
  workshop_quiz_attempts: true,
  workshop_completions: true,
  workshop_sessions: true,
  workshop_registrations: true,
  onboarding_reminders: true,
  onboarding_progress: true,
  audit_log: true,
  user_identities: true,
  scim_tokens: true,
  password_resets: true,
  throttle_windows: true,
  notifications: true,
  conversation_reports: true,
  idea_votes: true,
  idea_comments: true,
  cohorts: true,
  cohort_departments: true,
  cohort_people: true,
  content_cohort_targets: true,
  cohort_wave_openings: true,
  guideline_required_departments: true,
  guideline_required_cohorts: true,
  workshop_required_departments: true,
  workshop_required_cohorts: true,
  champions: true,
  conversation_reporters: true,
  conversation_events: true,
  department_responders: true,
  conversation_point_days: true,
  jobs: true,
  digest_slots: true,
  digest_items: true,
  urgent_weeks: true,
  channel_webhooks: true,
  share_blocked_phrases: true,
  share_disclosures: true,
  content_text_locks: true,
  content_approved_versions: true,
};

const dialect = process.env.TEST_DIALECT === "postgres" ? "postgres" : "sqlite";
const opened: DB[] = [];
const tempDirs: string[] = [];

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-db-"));
  tempDirs.push(dir);
  return dir;
}

function open(url: string | undefined) {
  const database = createDatabase(url);
  opened.push(database);
  return database;
}

afterEach(async () => {
  for (const database of opened.splice(0)) await database.destroy();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("dialectOf", () => {
  it("chooses PostgreSQL only for postgres URLs", () => {
    expect(dialectOf("postgres://user@localhost:5432/altavoz")).toBe("postgres");
    expect(dialectOf("postgresql://user@localhost/altavoz")).toBe("postgres");
    expect(dialectOf(undefined)).toBe("sqlite");
    expect(dialectOf("")).toBe("sqlite");
    expect(dialectOf("./data/altavoz.sqlite")).toBe("sqlite");
    expect(dialectOf("file:/var/lib/altavoz.sqlite")).toBe("sqlite");
    expect(dialectOf("mysql://localhost/x")).toBe("sqlite");
    expect(dialectOf("not-postgres://x")).toBe("sqlite");
  });
});

describe(`migrations on ${dialect}`, () => {
  it("created every table of the Database type and recorded every migration", async () => {
    const db = getDb();
    const tables = (await db.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith("kysely_"));
    // Both ways: every table of the type exists, and no migration created a table the type lacks.
    expect(tables.sort()).toEqual(Object.keys(DATABASE_TABLES).sort());
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it("is idempotent: running the migrator again changes nothing", async () => {
    const db = getDb();
    await migrateToLatest(db);
    const applied = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db);
    expect(Number(applied.rows[0].n)).toBe(Object.keys(migrations).length);
  });

  it("enforces foreign keys and uniqueness", async () => {
    const db = getDb();
    await expect(db.insertInto("user_roles").values({ user_id: "no-such-user", role: "admin" }).execute()).rejects.toThrow();
    const row = {
      id: newId(),
      email: `unique_${newId()}@example.com`,
      name: "A",
      password_hash: null,
      department_id: null,
      locale: null,
      status: "active" as const,
      created_at: Date.now(),
      activated_at: null,
      deactivated_at: null,
    };
    await db.insertInto("users").values(row).execute();
    await expect(
      db
        .insertInto("users")
        .values({ ...row, id: newId() })
        .execute(),
    ).rejects.toThrow();
  });

  it("round-trips epoch milliseconds as numbers", async () => {
    const db = getDb();
    const createdAt = 1_790_000_000_123;
    const id = newId();
    await db
      .insertInto("departments")
      .values({ id, name: `Dept ${id}`, created_at: createdAt })
      .execute();
    const found = await db.selectFrom("departments").select("created_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(found.created_at).toBe(createdAt);
    expect(typeof found.created_at).toBe("number");
  });

  it("applies to an empty SQLite file too (the default dialect)", async () => {
    const database = open(path.join(tempDir(), "fresh.sqlite"));
    await migrateToLatest(database);
    const tables = (await database.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["users", "sessions", "invitations", "outbox", "people_imports"]));
  });
});

describe("createDatabase on SQLite", () => {
  it("turns on WAL, foreign keys and a busy timeout", async () => {
    const database = open(path.join(tempDir(), "nested", "pragmas.sqlite"));
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database);
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database);
    const busy = await sql<Record<string, number>>`pragma busy_timeout`.execute(database);
    expect(journal.rows[0].journal_mode).toBe("wal");
    expect(foreignKeys.rows[0].foreign_keys).toBe(1);
    expect(Object.values(busy.rows[0])[0]).toBeGreaterThanOrEqual(1000);
  });

  it("accepts file: URLs", async () => {
    const dir = tempDir();
    const database = open(`file:${path.join(dir, "url.sqlite")}`);
    await sql`select 1`.execute(database);
    expect(fs.existsSync(path.join(dir, "url.sqlite"))).toBe(true);
  });

  it("without DATABASE_URL uses a SQLite file under ./data/", async () => {
    expect(DEFAULT_SQLITE_FILE).toBe("./data/altavoz.sqlite");
    const dir = tempDir();
    const previous = process.cwd();
    const previousUrl = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    process.chdir(dir);
    try {
      const database = open(undefined);
      await sql`select 1`.execute(database);
      expect(fs.existsSync(path.join(dir, "data", "altavoz.sqlite"))).toBe(true);
    } finally {
      process.chdir(previous);
      process.env.DATABASE_URL = previousUrl;
    }
  });
});

describe("isDatabaseReachable", () => {
  it("is true for the live database and false for a destroyed instance", async () => {
    expect(await isDatabaseReachable(getDb())).toBe(true);
    const database = createDatabase(path.join(tempDir(), "gone.sqlite"));
    expect(await isDatabaseReachable(database)).toBe(true);
    await database.destroy();
    expect(await isDatabaseReachable(database)).toBe(false);
  });

  it("is false for a PostgreSQL server that does not answer", async () => {
    const database = open("postgres://postgres@127.0.0.1:1/nothing");
    expect(await isDatabaseReachable(database)).toBe(false);
  });
});
