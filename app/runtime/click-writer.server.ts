import { PostgresAdapter } from "kysely";
import { processClicks, type BatchSummary } from "~/models/sharing/clicks.server";
import type { StoredClick } from "~/runtime/click-inbox.server";
import type { DB } from "~/utils/db.server";

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A written batch, and the highest inbox id it deleted (0 when it wrote nothing). */
export type WrittenBatch = BatchSummary & { lastId: number };

/**
 * Turns up to `max` inbox rows into counted clicks and deletes them, in one transaction: a batch
 * is written whole or stays in the inbox for the next try. On PostgreSQL each instance claims rows
 * no other instance holds (`FOR UPDATE SKIP LOCKED`), so every click is written exactly once.
 */
export async function writeInboxBatch(db: DB, max: number): Promise<WrittenBatch> {
  return db.transaction().execute(async (trx) => {
    const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
    let query = trx.selectFrom("click_inbox").selectAll().orderBy("id").limit(max);
    if (postgres) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length === 0) return { clicks: 0, unique: 0, self: 0, points: 0, lastId: 0 };
    const summary = await processClicks(
      trx,
      rows.map((r) => ({ linkId: r.link_id, at: r.clicked_at, ip: r.ip, userAgent: r.user_agent, sessionId: r.session_id })),
    );
    const lastId = Number(rows[rows.length - 1].id);
    // SQLite has one writer, so the batch is every row up to its last id: one range, not hundreds of parameters.
    if (!postgres) await trx.deleteFrom("click_inbox").where("id", "<=", lastId).execute();
    else
      await deleteIds(
        trx,
        rows.map((r) => Number(r.id)),
      );
    return { ...summary, clicks: rows.length, lastId };
  });
}

async function deleteIds(trx: DB, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await trx
      .deleteFrom("click_inbox")
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
}

/**
 * Writes clicks this process committed to the inbox and still holds (SQLite): the same batch as
 * `writeInboxBatch` without reading the rows back, deleting exactly their ids.
 */
export async function writeStoredBatch(db: DB, clicks: StoredClick[]): Promise<BatchSummary> {
  return db.transaction().execute(async (trx) => {
    const summary = await processClicks(trx, clicks);
    const first = clicks[0].id;
    const last = clicks[clicks.length - 1].id;
    // Committed in order, so a batch is usually one run of ids: one range instead of hundreds of parameters.
    if (last - first + 1 === clicks.length) await trx.deleteFrom("click_inbox").where("id", ">=", first).where("id", "<=", last).execute();
    else
      await deleteIds(
        trx,
        clicks.map((c) => c.id),
      );
    return summary;
  });
}

export interface ClickWriterOptions {
  intervalMs: number;
  maxBatch: number;
  pollMs: number;
}

/**
 * The batch writer: soon after clicks reach the inbox (every `intervalMs` at most), and every
 * `pollMs` for rows another instance left behind (one that was killed), it writes the inbox in
 * batches of `maxBatch` until it is empty. A failed batch stays in the inbox and is retried.
 *
 * On SQLite the inbox hands over the clicks it committed (`hand`), so the writer takes them from
 * memory instead of reading them back; the table is still read at start, on each poll and on
 * `drain` (rows a crash left, or a failed batch). A held click whose id a table pass already
 * covered was written by it and is dropped, so none is written twice.
 */
export class ClickWriter {
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private held: StoredClick[] = [];
  /** The highest inbox id a table pass wrote; held clicks up to it are already written. */
  private tableHighWater = 0;
  /** Rows were appended that only the table holds (PostgreSQL's inbox hands over no clicks). */
  private tableDirty = false;

  constructor(
    private readonly database: () => DB,
    private readonly options: ClickWriterOptions = { intervalMs: 250, maxBatch: 2_000, pollMs: 5_000 },
  ) {}

  /** Called when clicks were appended: a write within `intervalMs`. */
  notify(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(false);
    }, this.options.intervalMs);
    this.timer.unref?.();
  }

  /** Called with the clicks of a committed group (SQLite), or null when only told that some arrived (PostgreSQL). */
  hand(stored: StoredClick[] | null): void {
    if (stored) for (const click of stored) this.held.push(click);
    else this.tableDirty = true;
    this.notify();
  }

  start(): void {
    if (this.poller) return;
    this.poller = setInterval(() => void this.drain(), this.options.pollMs);
    this.poller.unref?.();
    void this.drain();
  }

  /** Writes the held clicks, then the inbox table until it is empty; concurrent calls wait for each other. */
  drain(): Promise<void> {
    return this.run(true);
  }

  private async run(readTable: boolean): Promise<void> {
    while (this.running) await this.running;
    this.running = this.writeAll(readTable);
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  private async writeAll(readTable: boolean): Promise<void> {
    try {
      // Between batches the event loop runs, so redirects waiting for the inbox are answered.
      while (this.takeHeld()) {
        await writeStoredBatch(this.database(), this.held.slice(0, this.options.maxBatch));
        this.held.splice(0, this.options.maxBatch);
        await breathe();
      }
      if (!readTable && !this.tableDirty) return;
      this.tableDirty = false;
      for (;;) {
        const batch = await writeInboxBatch(this.database(), this.options.maxBatch);
        if (batch.clicks === 0) break;
        this.tableHighWater = Math.max(this.tableHighWater, batch.lastId);
        await breathe();
      }
    } catch (error) {
      // The held clicks are in the table too: the next table pass writes them.
      this.held = [];
      console.error("Writing clicks failed; they stay in the inbox and will be retried", error);
    }
  }

  /** Drops held clicks a table pass already wrote; true when some are left to write. */
  private takeHeld(): boolean {
    if (this.held.length > 0 && this.held[0].id <= this.tableHighWater) this.held = this.held.filter((c) => c.id > this.tableHighWater);
    return this.held.length > 0;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.timer = this.poller = null;
    await this.drain();
  }
}
