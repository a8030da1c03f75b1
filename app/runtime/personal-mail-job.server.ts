import type { JobHandler } from "./job-runner.server";
import type { DB } from "~/utils/db.server";
import { loadDigestEntries, type DigestEntry } from "~/models/digests/mail.server";
import { deliverMail, recordMail, type Mail } from "~/utils/mail.server";

/** The origin mailed links point to: APP_ORIGIN in production, the local server otherwise. */
export const mailOrigin = () =>
  process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN).origin : `http://localhost:${process.env.PORT ?? 3000}`;

async function recipient(db: DB, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "locale", "status", "digest_frequency", "alert_channel"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export type Recipient = NonNullable<Awaited<ReturnType<typeof recipient>>>;

/**
 * The shape the digest and the urgent alert share: a mail about some items to one person, rendered at
 * sending time in the person's current language and kept in the outbox in the transaction that
 * completes the job. Nothing is sent when the person left or stopped taking this mail since it was
 * queued, or when none of its items is still visible.
 */
export function personalMailJob<Payload>(spec: {
  recipientOf: (payload: Payload) => string;
  itemIdsOf: (payload: Payload) => string[];
  takesMail: (person: Recipient) => boolean;
  render: (person: Recipient, entries: DigestEntry[], origin: string) => Mail;
  skipped: { person: string; items: string };
  result: (entries: DigestEntry[]) => unknown;
}): JobHandler {
  return {
    async perform(payload, { db, now }) {
      const job = payload as Payload;
      const person = await recipient(db, spec.recipientOf(job));
      if (!person || person.status !== "active" || !spec.takesMail(person)) return { result: { skipped: spec.skipped.person } };
      const entries = await loadDigestEntries(db, spec.itemIdsOf(job), now);
      if (entries.length === 0) return { result: { skipped: spec.skipped.items } };
      const mail = spec.render(person, entries, mailOrigin());
      const delivery = await deliverMail(mail);
      if (delivery.error) throw new Error(delivery.error);
      return { result: spec.result(entries), record: async (trx) => void (await recordMail(trx, mail, delivery, now)) };
    },
  };
}
