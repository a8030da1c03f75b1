import { escalateBreaches } from "~/models/conversations/breach.server";
import { getDb } from "~/utils/db.server";
import { readEnv } from "~/utils/env.server";

const EVERY_MS = 60_000;
let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

const origin = () => {
  const env = readEnv();
  return env.APP_ORIGIN ? new URL(env.APP_ORIGIN).origin : `http://localhost:${env.PORT}`;
};

function tick() {
  // One run at a time here; other instances may run too: the breach flag is claimed in the database.
  running ??= escalateBreaches(getDb(), origin())
    .catch((error: unknown) => console.error("customer care: could not escalate first-response breaches", error))
    .finally(() => {
      running = undefined;
    });
}

/** Escalates reports past their first-response deadline, once a minute (and at start). */
export function startCareScheduler(): void {
  if (timer) return;
  tick();
  timer = setInterval(tick, EVERY_MS);
  timer.unref();
}

export async function stopCareScheduler(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  await running;
}
