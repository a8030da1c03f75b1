import type { DB } from "~/utils/db.server";
import { processClicks, type PendingClick } from "~/models/sharing/clicks.server";

/**
 * Buffers clicks in memory so the redirect never waits on a write, and writes them in batches:
 * every `intervalMs`, or sooner when `maxBatch` are waiting. `stop()` writes what is left, so a
 * clean shutdown loses nothing.
 */
export class ClickRecorder {
  private buffer: PendingClick[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: () => DB,
    private readonly options: { intervalMs: number; maxBatch: number } = { intervalMs: 250, maxBatch: 2000 },
  ) {}

  get pending(): number {
    return this.buffer.length;
  }

  record(click: PendingClick): void {
    this.buffer.push(click);
    if (this.buffer.length >= this.options.maxBatch) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.options.intervalMs);
      this.timer.unref?.();
    }
  }

  /** Writes everything buffered so far; concurrent calls share one writer. */
  async flush(): Promise<void> {
    if (this.running) {
      await this.running;
      if (this.buffer.length === 0) return;
    }
    this.running = (async () => {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.options.maxBatch);
        try {
          await processClicks(this.database(), batch);
        } catch (error) {
          // Keep the clicks for the next attempt rather than dropping them.
          this.buffer.unshift(...batch);
          console.error("Writing clicks failed; will retry", error);
          this.scheduleRetry();
          break;
        }
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  private scheduleRetry(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.intervalMs * 4);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
