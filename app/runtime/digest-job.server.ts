import type { DigestPayload } from "~/models/digests/build.server";
import { renderDigestMail } from "~/models/digests/mail.server";
import { personalMailJob } from "./personal-mail-job.server";

/** Sends one queued digest; nothing when the person turned the digest off (or left) since, or none of its items is still visible. */
export const digestJob = personalMailJob<DigestPayload>({
  recipientOf: (digest) => digest.userId,
  itemIdsOf: (digest) => digest.itemIds,
  takesMail: (person) => person.digest_frequency !== "off",
  render: renderDigestMail,
  skipped: { person: "unsubscribed", items: "nothing visible" },
  result: (entries) => ({ items: entries.length }),
});
