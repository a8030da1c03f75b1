import { materialiseLifecycle } from "~/models/content/items.server";
import { getDb } from "~/utils/db.server";

const EVERY_MS = 60_000;
let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

function tick() {
  // One run at a time; a slow database never piles up runs.
  running ??= materialiseLifecycle(getDb())
    .catch((error: unknown) => console.error("content lifecycle: could not record publish/expire transitions", error))
    .finally(() => {
      running = undefined;
    });
}

/**
 * Records due publish/expire transitions once a minute (and at start). The feed does not depend on
 * it: visibility is derived from publish_at/expire_at at query time; this keeps statuses and history current.
 */
export function startContentScheduler(): void {
  if (timer) return;
  tick();
  timer = setInterval(tick, EVERY_MS);
  timer.unref();
}

export async function stopContentScheduler(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  await running;
}
