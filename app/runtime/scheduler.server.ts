import { formatLocalDate, localDate } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { materialiseLifecycle } from "~/models/content/items.server";
import { forgetOldSalts } from "~/models/sharing/clicks.server";
import { lucia } from "~/utils/auth.server";
import { getDb, type DB } from "~/utils/db.server";

const EVERY_MS = 60_000;
let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

interface Task {
  name: string;
  run: (db: DB, now: number) => Promise<unknown>;
}

/** Daily visitor salts older than today go (the README's promise that visitors cannot be linked across days); so do expired sessions. */
async function housekeeping(db: DB, now: number): Promise<void> {
  const today = formatLocalDate(localDate(now, await getOrganisationTimeZone(db)));
  await forgetOldSalts(db, today);
  await lucia.deleteExpiredSessions();
}

/** What runs once a minute, in order; a failing task is reported and does not stop the others. */
export const SCHEDULED_TASKS: Task[] = [
  { name: "content lifecycle: could not record publish/expire transitions", run: (db, now) => materialiseLifecycle(db, now) },
  { name: "housekeeping: could not forget old visitor salts or expired sessions", run: housekeeping },
];

export async function runScheduledTasks(db: DB, now = Date.now()): Promise<void> {
  for (const task of SCHEDULED_TASKS) {
    await task.run(db, now).catch((error: unknown) => console.error(task.name, error));
  }
}

function tick() {
  // One run at a time; a slow database never piles up runs.
  running ??= runScheduledTasks(getDb()).finally(() => {
    running = undefined;
  });
}

/**
 * Runs the scheduled tasks once a minute (and at start). The feed does not depend on it: visibility
 * is derived from publish_at/expire_at at query time; this keeps statuses and history current.
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
