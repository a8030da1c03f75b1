import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";
import { clickRecorder } from "./tracked-link-redirect.server";
import { startContentScheduler, stopContentScheduler } from "./scheduler.server";
import { startJobRunner } from "./job-runner.server";
import { jobHandlers } from "./job-handlers.server";
import { startDeliveryScheduler } from "./delivery-scheduler.server";

let jobRunner: ReturnType<typeof startJobRunner> | undefined;
let deliveryScheduler: ReturnType<typeof startDeliveryScheduler> | undefined;

export { handleTrackedLinkRequest } from "./tracked-link-redirect.server";

/** Runs before the server accepts requests: brings the schema up to date, then starts the content scheduler. */
export async function startApp(): Promise<void> {
  await migrateToLatest(getDb());
  startContentScheduler();
  jobRunner ??= startJobRunner(getDb, jobHandlers);
  deliveryScheduler ??= startDeliveryScheduler(getDb);
}

/** Runs on shutdown, after the server stopped accepting requests: writes the buffered clicks, then closes the database. */
export async function stopApp(): Promise<void> {
  await stopContentScheduler();
  await deliveryScheduler?.stop();
  await jobRunner?.stop();
  jobRunner = deliveryScheduler = undefined;
  await clickRecorder.stop();
  await closeDb();
}
