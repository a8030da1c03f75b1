import { failInterruptedImports } from "~/models/people/import.server";
import { ensureOnboardingProgress } from "~/models/onboarding/progress.server";
import { ensureChannelRollups } from "~/models/notifications/channels.server";
import { startMailDispatcher, stopMailDispatcher } from "~/runtime/mail-dispatcher.server";
import { closeDb, getDb, migrateToLatest, rawHandle } from "~/utils/db.server";
import { clickInbox, clickWriter } from "./tracked-link-redirect.server";
import { startContentScheduler, stopContentScheduler } from "./scheduler.server";
import { startCareScheduler, stopCareScheduler } from "./care-scheduler.server";
import { startJobRunner } from "./job-runner.server";
import { jobHandlers } from "./job-handlers.server";
import { startDeliveryScheduler } from "./delivery-scheduler.server";

let jobRunner: ReturnType<typeof startJobRunner> | undefined;
let deliveryScheduler: ReturnType<typeof startDeliveryScheduler> | undefined;

export { handleTrackedLinkRequest } from "./tracked-link-redirect.server";

/** An import writes a heartbeat with every chunk (a fraction of a second apart). */
const INTERRUPTED_AFTER_MS = 60_000;

/** Runs before the server accepts requests: brings the schema up to date, then starts the click writer, the mail dispatcher and the schedulers. */
export async function startApp(): Promise<void> {
  await migrateToLatest(getDb());
  // A database that had people before the onboarding progress table existed gets it built once.
  await ensureOnboardingProgress(getDb());
  await ensureChannelRollups(getDb());
  // Clicks a killed process had stored but not yet written are written now.
  clickWriter.start();
  // SQLite is one process: an import still "running" died with the last one. On PostgreSQL another
  // instance may be running it, so only imports whose heartbeat stopped are given up (also every 15 s).
  await failInterruptedImports(getDb(), rawHandle(getDb()).dialect === "sqlite" ? 0 : INTERRUPTED_AFTER_MS);
  startMailDispatcher(() => failInterruptedImports(getDb(), INTERRUPTED_AFTER_MS));
  startContentScheduler();
  startCareScheduler();
  jobRunner ??= startJobRunner(getDb, jobHandlers);
  deliveryScheduler ??= startDeliveryScheduler(getDb);
}

/** Runs on shutdown, after the server stopped accepting requests: writes the clicks still in the inbox, then closes the database. */
export async function stopApp(): Promise<void> {
  await stopContentScheduler();
  await stopCareScheduler();
  await deliveryScheduler?.stop();
  await jobRunner?.stop();
  jobRunner = deliveryScheduler = undefined;
  await stopMailDispatcher();
  await clickInbox.drained();
  await clickWriter.stop();
  await closeDb();
}
