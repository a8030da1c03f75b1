import { createHmac, timingSafeEqual } from "node:crypto";
import type { DB } from "~/utils/db.server";
import { sessionSecret } from "~/utils/env.server";
import { setAlertChannel } from "~/models/delivery/alert-channel.server";

/** The mail a one-click unsubscribe link stops: the digest, or the urgent alerts (which then reach the bell only). */
export type MailList = "digest" | "alert";

const PURPOSES: Record<MailList, string> = { digest: "digest-unsubscribe", alert: "alert-unsubscribe" };
const ALERT_PREFIX = "alert.";

const signature = (userId: string, list: MailList) =>
  createHmac("sha256", sessionSecret()).update(`${PURPOSES[list]}:${userId}`).digest("base64url");

/** A token that lets its holder (the mail's reader) stop that mail without signing in. */
export const unsubscribeToken = (userId: string, list: MailList = "digest") =>
  `${list === "alert" ? ALERT_PREFIX : ""}${userId}.${signature(userId, list)}`;

/** The person and list a token was made for, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(token: string | null): { userId: string; list: MailList } | null {
  if (!token || token.length > 300) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const subject = token.slice(0, dot);
  const list: MailList = subject.startsWith(ALERT_PREFIX) ? "alert" : "digest";
  const userId = list === "alert" ? subject.slice(ALERT_PREFIX.length) : subject;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(userId, list));
  return userId && given.length === expected.length && timingSafeEqual(given, expected) ? { userId, list } : null;
}

/** Turns the person's digest off; true when the person exists. */
export async function unsubscribeDigest(db: DB, userId: string): Promise<boolean> {
  const updated = await db.updateTable("users").set({ digest_frequency: "off" }).where("id", "=", userId).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Stops the list a token names: the digest off, or urgent alerts in the bell only. */
export const unsubscribe = (db: DB, { userId, list }: { userId: string; list: MailList }) =>
  list === "alert" ? setAlertChannel(db, userId, "app") : unsubscribeDigest(db, userId);
