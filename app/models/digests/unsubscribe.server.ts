import { createHmac, timingSafeEqual } from "node:crypto";
import type { DB } from "~/utils/db.server";
import { sessionSecret } from "~/utils/env.server";

const PURPOSE = "digest-unsubscribe";

const signature = (userId: string) => createHmac("sha256", sessionSecret()).update(`${PURPOSE}:${userId}`).digest("base64url");

/** A token that lets its holder (the mail's reader) turn the digest off without signing in. */
export const unsubscribeToken = (userId: string) => `${userId}.${signature(userId)}`;

/** The person a token was made for, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(token: string | null): string | null {
  if (!token || token.length > 300) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(userId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

/** Turns the person's digest off; true when the person exists. */
export async function unsubscribeDigest(db: DB, userId: string): Promise<boolean> {
  const updated = await db.updateTable("users").set({ digest_frequency: "off" }).where("id", "=", userId).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
