import type { JobHandler } from "./job-runner.server";
import { deliverMail, recordMail, type Mail } from "~/utils/mail.server";

export const MAIL_JOB = "mail";

/**
 * A mail sent by a job: handed to SMTP (when configured) and kept in the outbox in the same
 * transaction that marks the job done. An SMTP failure is retried with backoff; after the last
 * attempt the outbox keeps the mail with its error, as for mail sent directly.
 */
export const mailJob: JobHandler = {
  async perform(payload, { now }) {
    const mail = payload as Mail;
    const delivery = await deliverMail(mail);
    if (delivery.error) throw new Error(delivery.error);
    return { result: { transport: delivery.transport }, record: async (trx) => void (await recordMail(trx, mail, delivery, now)) };
  },
  async onFailed(trx, payload, error, { now }) {
    await recordMail(trx, payload as Mail, { transport: "smtp", error }, now);
  },
};
