import type { JobHandler } from "./job-runner.server";
import type { DigestPayload } from "~/models/digests/build.server";
import { loadDigestEntries, renderDigestMail } from "~/models/digests/mail.server";
import { deliverMail, recordMail } from "~/utils/mail.server";

/** The origin mailed links point to: APP_ORIGIN in production, the local server otherwise. */
export const mailOrigin = () =>
  process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN).origin : `http://localhost:${process.env.PORT ?? 3000}`;

/**
 * Sends one queued digest. Rendered at sending time in the person's current language; nothing is sent
 * when the person turned the digest off (or left) since, or when none of its items is still visible.
 */
export const digestJob: JobHandler = {
  async perform(payload, { db, now }) {
    const digest = payload as DigestPayload;
    const person = await db
      .selectFrom("users")
      .select(["id", "email", "name", "locale", "status", "digest_frequency"])
      .where("id", "=", digest.userId)
      .executeTakeFirst();
    if (!person || person.status !== "active" || person.digest_frequency === "off") return { result: { skipped: "unsubscribed" } };
    const entries = await loadDigestEntries(db, digest.itemIds, now);
    if (entries.length === 0) return { result: { skipped: "nothing visible" } };
    const mail = renderDigestMail(person, entries, mailOrigin());
    const delivery = await deliverMail(mail);
    if (delivery.error) throw new Error(delivery.error);
    return { result: { items: entries.length }, record: async (trx) => void (await recordMail(trx, mail, delivery, now)) };
  },
};
