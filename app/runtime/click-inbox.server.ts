import type SQLite from "better-sqlite3";
import type pg from "pg";
import type { PendingClick } from "~/models/sharing/clicks.server";
import { rawHandle, type DB } from "~/utils/db.server";

type Ack = () => void;

/** Rows per group insert; a group is whatever arrived during one turn of the event loop. */
const MAX_GROUP = 512;
/** PostgreSQL group inserts in flight at once, each on its own pooled connection. */
const MAX_IN_FLIGHT = 3;

const PG_APPEND: pg.QueryConfig = {
  name: "click_inbox_append",
  text:
    "insert into click_inbox (link_id, clicked_at, ip, user_agent, session_id) " +
    "select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])",
};

/** A click as committed to the inbox, with its row id (SQLite), so the writer can take it from memory. */
export interface StoredClick extends PendingClick {
  id: number;
}

/** Rows per multi-row insert: one statement call instead of one per click (5 values a row, well under SQLite's limits). */
const ROWS_PER_INSERT = 64;
const sqliteAppenders = new WeakMap<SQLite.Database, (clicks: PendingClick[]) => StoredClick[]>();

function sqliteAppender(sqlite: SQLite.Database): (clicks: PendingClick[]) => StoredClick[] {
  let append = sqliteAppenders.get(sqlite);
  if (!append) {
    const inserts: SQLite.Statement[] = [];
    const insertOf = (rows: number) =>
      (inserts[rows] ??= sqlite.prepare(
        `insert into click_inbox (link_id, clicked_at, ip, user_agent, session_id) values ${Array(rows).fill("(?, ?, ?, ?, ?)").join(", ")}`,
      ));
    append = sqlite.transaction((clicks: PendingClick[]) => {
      // The clicks become the stored ones (their ids set in place): no copy per click.
      const stored = clicks as StoredClick[];
      const values: unknown[] = [];
      for (let start = 0; start < clicks.length; start += ROWS_PER_INSERT) {
        const end = Math.min(clicks.length, start + ROWS_PER_INSERT);
        values.length = 0;
        for (let i = start; i < end; i++) {
          const c = clicks[i];
          values.push(c.linkId, c.at, c.ip, c.userAgent, c.sessionId);
        }
        // One statement's rows take consecutive rowids (max + 1 each), ending at the last one inserted.
        const last = Number(insertOf(end - start).run(values).lastInsertRowid);
        for (let i = start; i < end; i++) stored[i].id = last - end + 1 + i;
      }
      return stored;
    });
    sqliteAppenders.set(sqlite, append);
  }
  return append;
}

/**
 * Makes answered clicks durable before they are answered: the redirect hands over the click and
 * the function that sends its 302; the clicks that arrive during one turn of the event loop are
 * appended to `click_inbox` in one commit (a prepared statement; on SQLite in WAL mode the commit
 * survives `kill -9` of the process), and only then are their redirects sent. The batch writer
 * (`ClickWriter`) turns the inbox into counted clicks. A click that cannot be stored is logged and
 * still redirected: the visitor is never stranded.
 */
export class ClickInbox {
  private clicks: PendingClick[] = [];
  private acks: Ack[] = [];
  private scheduled = false;
  private groupsInFlight = 0;
  private clicksInFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly database: () => DB,
    /** Told of each committed group: its clicks with their row ids on SQLite, null on PostgreSQL. */
    private readonly onStored: (stored: StoredClick[] | null) => void = () => {},
  ) {}

  get waiting(): number {
    return this.clicks.length + this.clicksInFlight;
  }

  append(click: PendingClick, ack: Ack): void {
    this.clicks.push(click);
    this.acks.push(ack);
    if (!this.scheduled) this.schedule();
  }

  /** Resolves once the click is stored (for the Remix route, which cannot hand over a callback). */
  store(click: PendingClick): Promise<void> {
    return new Promise((resolve) => this.append(click, resolve));
  }

  /** Resolves when nothing handed over is still waiting to be stored. */
  drained(): Promise<void> {
    if (this.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(delay = 0): void {
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    if (delay) setTimeout(run, delay);
    else setImmediate(run);
  }

  private take(): { clicks: PendingClick[]; acks: Ack[] } {
    const clicks = this.clicks.splice(0, MAX_GROUP);
    return { clicks, acks: this.acks.splice(0, clicks.length) };
  }

  private flush(): void {
    if (this.clicks.length === 0) return this.settle();
    const handle = rawHandle(this.database());
    if (handle.dialect === "sqlite") this.flushSqlite(handle.sqlite);
    else while (this.clicks.length > 0 && this.groupsInFlight < MAX_IN_FLIGHT) this.flushPostgres(handle.pool);
  }

  private flushSqlite(sqlite: SQLite.Database): void {
    // A transaction of the app's that awaits between statements holds the only connection: rows
    // appended now would commit (or roll back) with it, so they wait for it to end.
    if (sqlite.inTransaction) return this.schedule(1);
    const append = sqliteAppender(sqlite);
    while (this.clicks.length > 0) {
      const { clicks, acks } = this.take();
      let stored: StoredClick[] | null = null;
      try {
        stored = append(clicks);
      } catch (error) {
        console.error(`click inbox: ${clicks.length} clicks could not be stored`, error);
      }
      for (const ack of acks) ack();
      if (stored) this.onStored(stored);
    }
    this.settle();
  }

  private flushPostgres(pool: pg.Pool): void {
    const { clicks, acks } = this.take();
    this.groupsInFlight += 1;
    this.clicksInFlight += clicks.length;
    const values = [
      clicks.map((c) => c.linkId),
      clicks.map((c) => c.at),
      clicks.map((c) => c.ip),
      clicks.map((c) => c.userAgent),
      clicks.map((c) => c.sessionId),
    ];
    pool
      .query({ ...PG_APPEND, values })
      .then(
        () => this.onStored(null),
        (error: unknown) => console.error(`click inbox: ${clicks.length} clicks could not be stored`, error),
      )
      .finally(() => {
        for (const ack of acks) ack();
        this.groupsInFlight -= 1;
        this.clicksInFlight -= clicks.length;
        if (this.clicks.length > 0) this.flush();
        else this.settle();
      });
  }

  private settle(): void {
    if (this.waiting > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
