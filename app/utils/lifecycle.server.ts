import { closeDb, getDb, migrateToLatest } from "./db.server";
import { clickRecorder } from "./link-redirect.server";
import { startContentScheduler, stopContentScheduler } from "./content-scheduler.server";
import { startCareScheduler, stopCareScheduler } from "~/runtime/care-scheduler.server";

export { handleTrackedLinkRequest } from "./link-redirect.server";

/** Runs before the server accepts requests: brings the schema up to date, then starts the content and customer-care schedulers. */
export async function startApp(): Promise<void> {
  await migrateToLatest(getDb());
  startContentScheduler();
  startCareScheduler();
}

/** Runs on shutdown, after the server stopped accepting requests: writes the buffered clicks, then closes the database. */
export async function stopApp(): Promise<void> {
  await stopContentScheduler();
  await stopCareScheduler();
  await clickRecorder.stop();
  await closeDb();
}
