import type { JobHandlers } from "./job-runner.server";
import { MAIL_JOB, mailJob } from "./mail-job.server";
import { DIGEST_JOB } from "~/models/digests/build.server";
import { ALERT_JOB, PUBLICATION_JOB } from "~/models/delivery/publication.server";
import { WEBHOOK_JOB } from "~/models/delivery/webhooks.server";
import { digestJob } from "./digest-job.server";
import { alertJob } from "./alert-job.server";
import { publicationJob } from "./publication-job.server";
import { webhookJob } from "./webhook-job.server";

/** Every job kind this process sends, by kind. A kind without a handler here is never claimed. */
export const jobHandlers: JobHandlers = {
  [MAIL_JOB]: mailJob,
  [DIGEST_JOB]: digestJob,
  [PUBLICATION_JOB]: publicationJob,
  [ALERT_JOB]: alertJob,
  [WEBHOOK_JOB]: webhookJob,
};
