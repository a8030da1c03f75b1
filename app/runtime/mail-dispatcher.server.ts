import { getDb } from "~/utils/db.server";
import { deliverDueMail } from "~/utils/mail.server";

const EVERY_MS = 15_000;
let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | undefined;

/** One pass over the due messages; passes never overlap. Resolves when the pass (and any it joined) ends. */
export function deliverMailSoon(): Promise<void> {
  running ??= (async () => {
    try {
      // Keep going while full pages come back: a 10,000-person import is sent in one go.
      while ((await deliverDueMail(getDb())) === 50);
    } catch (error) {
      console.error("mail: could not send from the outbox; will retry", error);
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/**
 * Sends what the outbox holds every 15 s (retries, and mail written inside transactions); `alsoEvery`
 * is other upkeep run on the same clock (giving up imports whose process died).
 */
export function startMailDispatcher(alsoEvery: () => Promise<unknown> = async () => {}): void {
  if (timer) return;
  void deliverMailSoon();
  timer = setInterval(() => {
    alsoEvery().catch((error: unknown) => console.error("upkeep failed", error));
    void deliverMailSoon();
  }, EVERY_MS);
  timer.unref();
}

export async function stopMailDispatcher(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  await running;
}
