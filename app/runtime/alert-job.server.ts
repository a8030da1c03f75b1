import type { JobHandler } from "./job-runner.server";
import type { AlertPayload } from "~/models/delivery/publication.server";
import { renderAlertMail } from "~/models/delivery/alert-mail.server";
import { loadDigestEntries } from "~/models/digests/mail.server";
import { deliverMail, recordMail } from "~/utils/mail.server";
import { mailOrigin } from "./digest-job.server";

/** Sends one urgent alert mail (kept in the outbox with the job's completion); skipped when the person stopped taking mail or the item went. */
export const alertJob: JobHandler = {
  async perform(payload, { db, now }) {
    const alert = payload as AlertPayload;
    const person = await db
      .selectFrom("users")
      .select(["id", "email", "name", "locale", "status", "digest_frequency"])
      .where("id", "=", alert.userId)
      .executeTakeFirst();
    if (!person || person.status !== "active" || person.digest_frequency === "off") return { result: { skipped: "no mail" } };
    const [entry] = await loadDigestEntries(db, [alert.itemId], now);
    if (!entry) return { result: { skipped: "not visible" } };
    const mail = renderAlertMail(person, entry, mailOrigin());
    const delivery = await deliverMail(mail);
    if (delivery.error) throw new Error(delivery.error);
    return { result: { sent: true }, record: async (trx) => void (await recordMail(trx, mail, delivery, now)) };
  },
};
