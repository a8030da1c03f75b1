import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";
import { clickRecorder } from "./tracked-link-redirect.server";
import { startContentScheduler, stopContentScheduler } from "./scheduler.server";

export { handleTrackedLinkRequest } from "./tracked-link-redirect.server";

/** Runs before the server accepts requests: brings the schema up to date, then starts the content scheduler. */
export async function startApp(): Promise<void> {
  await migrateToLatest(getDb());
  startContentScheduler();
}

/** Runs on shutdown, after the server stopped accepting requests: writes the buffered clicks, then closes the database. */
export async function stopApp(): Promise<void> {
  await stopContentScheduler();
  await clickRecorder.stop();
  await closeDb();
}
