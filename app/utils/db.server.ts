import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import type { Database } from "#db/schema";
import { migrations } from "#db/migrations/index";
import { WorkerSqliteDialect } from "./sqlite-worker.server";

// PostgreSQL returns bigint and numeric as strings; timestamps and counts are numbers here.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

export type DB = Kysely<Database>;
export type Dialect = "sqlite" | "postgres";

export const DEFAULT_SQLITE_FILE = "./data/altavoz.sqlite";

export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The driver under a Kysely instance, for the few hot paths that use prepared statements directly. */
export type RawHandle = { dialect: "sqlite"; sqlite: SQLite.Database } | { dialect: "postgres"; pool: pg.Pool };
const rawHandles = new WeakMap<DB, RawHandle>();

export function rawHandle(database: DB): RawHandle {
  const handle = rawHandles.get(database);
  if (!handle) throw new Error("Not a database made by createDatabase");
  return handle;
}

/** The SQLite connection under a database or any of its transactions (their statements join the transaction); null on PostgreSQL. */
export function sqliteOf(database: DB): SQLite.Database | null {
  for (const plugin of database.getExecutor().plugins) if (plugin instanceof YieldBetweenQueries) return plugin.sqlite;
  return null;
}

/**
 * SQLite's page cache per connection, in KiB (its default in better-sqlite3 is 16 MB). A dashboard's
 * parts run together and read far apart in a large file: a larger cache keeps more of their index
 * pages between calls (README, decisions).
 */
export const SQLITE_CACHE_KIB = 65_536;

export function createDatabase(url: string | undefined = process.env.DATABASE_URL): DB {
  if (dialectOf(url) === "postgres") {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const database = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    rawHandles.set(database, { dialect: "postgres", pool });
    return database;
  }
  const file = url ? url.replace(/^(file|sqlite):/, "") : DEFAULT_SQLITE_FILE;
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const database = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new YieldBetweenQueries(sqlite)],
  });
  rawHandles.set(database, { dialect: "sqlite", sqlite });
  return database;
}

/**
 * better-sqlite3 runs each statement on the JavaScript thread and Kysely resolves it as a microtask, so
 * a page's dozens of queries ran as one unbroken task and every other request (the tracked-link
 * redirect) waited for the whole page. After each statement outside a transaction this lets the event
 * loop serve what is waiting. Inside a transaction it does not: that would hold the one connection longer.
 */
class YieldBetweenQueries implements KyselyPlugin {
  constructor(readonly sqlite: SQLite.Database) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    return args.result;
  }
}

const STATEMENT_CACHE_SIZE = 1_000;

/**
 * better-sqlite3 with its prepared statements kept by SQL text: Kysely's driver prepares every query it
 * runs, and preparing cost as much as running the small queries of a page. The same text always
 * compiles to the same statement, so reuse is safe; a statement still iterating (a stream) is never
 * handed out twice, and schema changes (migrations) make SQLite re-prepare a stale statement by itself.
 */
function withStatementCache(sqlite: SQLite.Database): { close(): void; prepare(sql: string): SQLite.Statement } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      const cached = statements.get(text);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(text);
      if (!cached) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}

export async function isDatabaseReachable(database: DB): Promise<boolean> {
  try {
    await sql`select 1`.execute(database);
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` in a transaction, or inside the caller's when `db` already is one (Kysely cannot nest them). */
export function inTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Runs `work` in a SERIALIZABLE transaction, for a check and a write that must not interleave with
 * another request's (e.g. "is anyone else an administrator?"). PostgreSQL aborts one of two
 * conflicting transactions, which is then run again and sees the other's result; SQLite runs
 * transactions one at a time (a busy database from another process is retried the same way).
 */
export async function serializableTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel("serializable").execute(work);
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? "");
      if (attempt >= 5 || !/^(40001|40P01|SQLITE_BUSY)/.test(code)) throw error;
    }
  }
}

let instance: DB | undefined;

/** The process-wide Kysely instance, created on first use from DATABASE_URL. */
export function getDb(): DB {
  instance ??= createDatabase();
  return instance;
}

let readInstance: DB | undefined;

/**
 * The database for a dashboard's heavy reads (analytics, the HR dashboard, cohort and champion
 * pages): better-sqlite3 runs each statement on the one JavaScript thread, and an aggregate of a
 * tenth of a second or more froze every other request for that long (the tracked-link redirect lost
 * half its throughput while those pages loaded). On SQLite it is a worker thread with its own
 * read-only connection to the same WAL file, so it sees every committed write but runs no
 * transaction and no write; on PostgreSQL (already asynchronous) and in-memory databases it is the
 * main database. Use it only for reads that need not see the caller's own open transaction.
 */
export function getReadDb(): DB {
  const main = getDb();
  const handle = rawHandle(main);
  if (handle.dialect === "postgres" || handle.sqlite.memory) return main;
  readInstance ??= new Kysely<Database>({ dialect: new WorkerSqliteDialect(handle.sqlite.name, 1, SQLITE_CACHE_KIB) });
  return readInstance;
}

/**
 * The process database behind `db` (the proxy) or the read database, so a per-request memo keyed by
 * database (the settings) is shared by loaders that hold different handles on the same data.
 */
export function processDb(handle: DB): DB {
  return handle === db || (readInstance !== undefined && handle === readInstance) ? getDb() : handle;
}

export async function closeDb(): Promise<void> {
  const [main, read] = [instance, readInstance];
  instance = readInstance = undefined;
  await read?.destroy();
  await main?.destroy();
}

/** Proxy so modules can `import { db }` and still get the instance created at first use. */
export const db: DB = new Proxy({} as DB, {
  get(_target, property) {
    const target = getDb();
    const value = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

/** A unique index refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE and kin). */
export const isUniqueViolation = (error: unknown) => /^(23505|SQLITE_CONSTRAINT)/.test(String((error as { code?: unknown }).code ?? ""));
