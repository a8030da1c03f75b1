import type { JobHandlers } from "./job-runner.server";
import { MAIL_JOB, mailJob } from "./mail-job.server";
import { DIGEST_JOB } from "~/models/digests/build.server";
import { digestJob } from "./digest-job.server";

/** Every job kind this process sends, by kind. A kind without a handler here is never claimed. */
export const jobHandlers: JobHandlers = {
  [MAIL_JOB]: mailJob,
  [DIGEST_JOB]: digestJob,
};
