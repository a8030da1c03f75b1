import type { AlertPayload } from "~/models/delivery/publication.server";
import { alertByMail } from "~/models/delivery/alert-channel.server";
import { renderAlertMail } from "~/models/delivery/alert-mail.server";
import { personalMailJob } from "./personal-mail-job.server";

/** Sends one urgent alert mail; skipped when the person chose the bell only (or left) since, or the item went. */
export const alertJob = personalMailJob<AlertPayload>({
  recipientOf: (alert) => alert.userId,
  itemIdsOf: (alert) => [alert.itemId],
  takesMail: (person) => alertByMail(person.alert_channel),
  render: (person, [entry], origin) => renderAlertMail(person, entry, origin),
  skipped: { person: "no mail", items: "not visible" },
  result: () => ({ sent: true }),
});
