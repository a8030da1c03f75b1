import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import SQLite from "better-sqlite3";
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";

/** How much nicer than the thread that starts it a worker runs (+10 leaves it about a tenth of a contended core). */
export const WORKER_NICENESS = 10;

/**
 * The worker's code: one read-only better-sqlite3 connection to the database file, statements kept by
 * SQL text, each message answered with its rows or its error. It is plain JavaScript run with `eval`
 * because Remix bundles the server into build/index.js: a worker file beside the source would not be
 * beside the bundle. Values better-sqlite3 returns as Buffer arrive as Uint8Array; `blobs` says to
 * turn them back, so the main thread only walks the rows that have some.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
// On Linux a thread's nice value is its own: the heavy reads give way to the event loop (clicks, pages) when both want a core.
try { const os = require("node:os"); os.setPriority(0, Math.min(19, os.getPriority(0) + workerData.nice)); } catch {}
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
if (workerData.cacheKib > 0) db.pragma("cache_size = -" + workerData.cacheKib);
const statements = new Map();
const prepare = (sql) => {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (statements.size >= 1000) statements.delete(statements.keys().next().value);
    statements.set(sql, statement);
  }
  return statement;
};
parentPort.on("message", ({ id, sql, parameters }) => {
  try {
    const statement = prepare(sql);
    if (!statement.reader) {
      statement.run(parameters);
      return parentPort.postMessage({ id, rows: [] });
    }
    const rows = statement.all(parameters);
    const blobs = rows.some((row) => Object.values(row).some((value) => Buffer.isBuffer(value)));
    parentPort.postMessage({ id, rows, blobs });
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error?.name, message: String(error?.message ?? error), code: error?.code } });
  }
});
`;

type Reply =
  | { id: number; rows: Record<string, unknown>[]; blobs?: boolean; error?: undefined }
  | { id: number; error: { name?: string; message: string; code?: string } };

interface Pending {
  resolve(result: QueryResult<unknown>): void;
  reject(error: unknown): void;
}

/** SqliteError keeps its code (isUniqueViolation, SQLITE_BUSY retries read it); other errors keep their name. */
function errorOf(reply: { name?: string; message: string; code?: string }): Error {
  if (reply.code) return new SQLite.SqliteError(reply.message, reply.code);
  const error = new Error(reply.message);
  if (reply.name) error.name = reply.name;
  return error;
}

function withBuffers(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (value instanceof Uint8Array) row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return rows;
}

/** One worker thread and the queries it has not answered yet; it keeps the process alive only while it has some. */
class QueryWorker {
  readonly #pending = new Map<number, Pending>();
  readonly #worker: Worker;
  #nextId = 0;
  #failed: Error | undefined;

  constructor(file: string, cacheKib: number) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, cacheKib, nice: WORKER_NICENESS }, execArgv: [] });
    this.#worker.unref();
    this.#worker.on("message", (reply: Reply) => this.#answer(reply));
    this.#worker.on("error", (error) => this.#fail(error));
    this.#worker.on("exit", (code) => this.#fail(new Error(`The read worker stopped (exit code ${code})`)));
  }

  get load(): number {
    return this.#failed ? Infinity : this.#pending.size;
  }

  get failed(): boolean {
    return this.#failed !== undefined;
  }

  run(query: CompiledQuery): Promise<QueryResult<unknown>> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#nextId++;
    if (this.#pending.size === 0) this.#worker.ref();
    const answer = new Promise<QueryResult<unknown>>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.#worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    return answer;
  }

  async stop(): Promise<void> {
    this.#failed ??= new Error("The read worker was stopped");
    await this.#worker.terminate();
  }

  #answer(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (!pending) return;
    if (reply.error) pending.reject(errorOf(reply.error));
    else pending.resolve({ rows: reply.blobs ? withBuffers(reply.rows) : reply.rows });
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/** Worker-backed connections share the workers: they hold no transaction, so no query waits for another's connection. */
class WorkerDriver implements Driver {
  #workers: QueryWorker[] = [];
  readonly #connection: DatabaseConnection;

  constructor(
    readonly file: string,
    readonly size: number,
    readonly cacheKib: number,
  ) {
    this.#connection = {
      executeQuery: <R>(query: CompiledQuery) => this.#leastBusy().run(query) as Promise<QueryResult<R>>,
      streamQuery: <R>(query: CompiledQuery, chunkSize = 100) => this.#stream<R>(query, chunkSize),
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(): Promise<void> {
    throw new Error("The read database runs no transactions: use the main database");
  }

  async commitTransaction(): Promise<void> {}

  async rollbackTransaction(): Promise<void> {}

  async destroy(): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all(workers.map((w) => w.stop()));
  }

  /** Workers start on first use, and one that died is replaced by the next query. */
  #leastBusy(): QueryWorker {
    this.#workers = this.#workers.filter((w) => !w.failed);
    if (this.#workers.length < this.size) {
      const fresh = new QueryWorker(this.file, this.cacheKib);
      this.#workers.push(fresh);
      return fresh;
    }
    return this.#workers.reduce((best, w) => (w.load < best.load ? w : best));
  }

  async *#stream<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = (await this.#leastBusy().run(query)) as QueryResult<R>;
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

/** A Kysely dialect that runs every query on `workers` threads, each with its own read-only connection to `file`. */
export class WorkerSqliteDialect implements Dialect {
  constructor(
    readonly file: string,
    readonly workers = 1,
    /** SQLite's page cache per worker, in KiB (0: SQLite's default). */
    readonly cacheKib = 0,
  ) {}

  createDriver(): Driver {
    return new WorkerDriver(path.resolve(this.file), this.workers, this.cacheKib);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
