import type { JobHandlers } from "~/runtime/job-runner.server";
import { recordMail } from "~/utils/mail.server";

/** A test handler: "sends" a mail to the outbox (recorded with the job's completion). */
export function outboxHandlers(onPerform: (payload: { to: string }) => Promise<void> | void = () => {}): JobHandlers {
  return {
    "test.mail": {
      async perform(payload) {
        const { to } = payload as { to: string };
        await onPerform({ to });
        return {
          result: { to },
          record: async (trx) =>
            void (await recordMail(trx, { to, subject: "job", text: to, html: to }, { transport: "outbox", error: null })),
        };
      },
    },
  };
}
