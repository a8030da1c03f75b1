// A sender process for tests/jobs/queue.test.ts: sends jobs one by one and hangs on the job addressed to "hang@…".
import { drainJobs } from "~/runtime/job-runner.server";
import { createDatabase } from "~/utils/db.server";
import { outboxHandlers } from "./handlers";

const db = createDatabase(process.env.DATABASE_URL);
await drainJobs(
  db,
  outboxHandlers(async ({ to }) => {
    if (to.startsWith("hang@")) {
      console.log("hanging");
      await new Promise(() => {});
    }
  }),
  { limit: 100 },
);
