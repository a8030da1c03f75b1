import { PostgresAdapter } from "kysely";
import { processClicks, type BatchSummary } from "~/models/sharing/clicks.server";
import type { DB } from "~/utils/db.server";

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Turns up to `max` inbox rows into counted clicks and deletes them, in one transaction: a batch
 * is written whole or stays in the inbox for the next try. On PostgreSQL each instance claims rows
 * no other instance holds (`FOR UPDATE SKIP LOCKED`), so every click is written exactly once.
 */
export async function writeInboxBatch(db: DB, max: number): Promise<BatchSummary> {
  return db.transaction().execute(async (trx) => {
    const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
    let query = trx.selectFrom("click_inbox").selectAll().orderBy("id").limit(max);
    if (postgres) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length === 0) return { clicks: 0, unique: 0, self: 0, points: 0 };
    const summary = await processClicks(
      trx,
      rows.map((r) => ({ linkId: r.link_id, at: r.clicked_at, ip: r.ip, userAgent: r.user_agent, sessionId: r.session_id })),
    );
    // SQLite has one writer, so the batch is every row up to its last id: one range, not hundreds of parameters.
    if (!postgres) {
      await trx
        .deleteFrom("click_inbox")
        .where("id", "<=", rows[rows.length - 1].id)
        .execute();
      return { ...summary, clicks: rows.length };
    }
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .deleteFrom("click_inbox")
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
    return { ...summary, clicks: rows.length };
  });
}

/**
 * The batch writer: soon after clicks reach the inbox (every `intervalMs` at most), and every
 * `pollMs` for rows another instance left behind (one that was killed), it writes the inbox in
 * batches of `maxBatch` until it is empty. A failed batch stays in the inbox and is retried.
 */
export class ClickWriter {
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: () => DB,
    private readonly options: { intervalMs: number; maxBatch: number; pollMs: number } = { intervalMs: 250, maxBatch: 500, pollMs: 5_000 },
  ) {}

  /** Called when clicks were appended: a write within `intervalMs`. */
  notify(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.options.intervalMs);
    this.timer.unref?.();
  }

  start(): void {
    if (this.poller) return;
    this.poller = setInterval(() => void this.drain(), this.options.pollMs);
    this.poller.unref?.();
    void this.drain();
  }

  /** Writes the inbox until it is empty; concurrent calls wait for each other. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.writeAll();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  private async writeAll(): Promise<void> {
    try {
      // Between batches the event loop runs, so redirects waiting for the inbox are answered.
      while ((await writeInboxBatch(this.database(), this.options.maxBatch)).clicks > 0) await breathe();
    } catch (error) {
      console.error("Writing clicks failed; they stay in the inbox and will be retried", error);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.timer = this.poller = null;
    await this.drain();
  }
}
