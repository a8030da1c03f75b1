import type { DB } from "~/utils/db.server";
import { queueDigestSlot } from "~/models/digests/build.server";
import { dueSlots } from "~/models/digests/schedule";
import { getDigestSchedule } from "~/models/digests/settings.server";
import { remindSessionsTomorrow } from "~/models/notifications/session-reminders.server";
import { startPeriodic } from "./periodic.server";

/**
 * One pass of the delivery clock: queues every digest slot whose hour has come (each slot once,
 * resumable) and writes the "live session tomorrow" reminders (each registration once).
 */
export async function runDeliverySchedule(db: DB, now = Date.now()) {
  const schedule = await getDigestSchedule(db);
  let digests = 0;
  for (const slot of dueSlots(now, schedule)) {
    const finished = await db.selectFrom("digest_slots").select("finished_at").where("slot", "=", slot.slot).executeTakeFirst();
    if (finished?.finished_at) continue;
    digests += (await queueDigestSlot(db, slot, now)).queued;
  }
  const reminders = await remindSessionsTomorrow(db, now);
  return { digests, reminders };
}

/** Runs the delivery clock every minute (and at start), one pass at a time. */
export const startDeliveryScheduler = (db: () => DB, everyMs = 60_000) =>
  startPeriodic(() => runDeliverySchedule(db()), { everyMs, failure: "delivery: a scheduling pass failed; the next one resumes it" });
