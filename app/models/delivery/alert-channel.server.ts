import type { AlertChannel } from "#db/schema";
import type { DB } from "~/utils/db.server";

/** Whether an urgent item reaches a person with this choice by mail, and in the bell. */
export const alertByMail = (channel: AlertChannel) => channel !== "app";
export const alertInBell = (channel: AlertChannel) => channel !== "mail";

export async function getAlertChannel(db: DB, userId: string): Promise<AlertChannel> {
  const row = await db.selectFrom("users").select("alert_channel").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.alert_channel;
}

/** Saves how urgent items reach the person; true when the person exists. */
export async function setAlertChannel(db: DB, userId: string, channel: AlertChannel): Promise<boolean> {
  const updated = await db.updateTable("users").set({ alert_channel: channel }).where("id", "=", userId).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
