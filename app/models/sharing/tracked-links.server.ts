import { randomInt } from "node:crypto";
import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { withUtm } from "./utm";
import { type ShareNetwork } from "~/models/core/networks";

const ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
export const CODE_LENGTH = 8;
/** What a code looks like; anything else is refused before touching the database. */
export const CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

export function newLinkCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export interface TrackedLinkTarget {
  linkId: string;
  ownerId: string;
  destination: string;
}

/**
 * The one tracked link of (ambassador, item, network), created on first share. The destination
 * with UTM parameters is stored on the link, so the redirect never builds URLs from input.
 */
export async function getOrCreateTrackedLink(
  db: DB,
  input: { userId: string; itemId: string; network: ShareNetwork; destinationUrl: string; campaignName?: string | null },
): Promise<{ id: string; code: string }> {
  const existing = await db
    .selectFrom("tracked_links")
    .select(["id", "code"])
    .where("user_id", "=", input.userId)
    .where("item_id", "=", input.itemId)
    .where("network", "=", input.network)
    .executeTakeFirst();
  if (existing) return existing;
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newLinkCode();
    const destination = withUtm(input.destinationUrl, { network: input.network, campaign: input.campaignName, code });
    if (!destination) throw new Error("The item's destination is not an http(s) URL");
    const id = newId();
    const inserted = await db
      .insertInto("tracked_links")
      .values({
        id,
        code,
        user_id: input.userId,
        item_id: input.itemId,
        network: input.network,
        destination_url: destination,
        click_points: 0,
        created_at: Date.now(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { id, code };
    // Either the code collided or a concurrent share created the link first.
    const raced = await db
      .selectFrom("tracked_links")
      .select(["id", "code"])
      .where("user_id", "=", input.userId)
      .where("item_id", "=", input.itemId)
      .where("network", "=", input.network)
      .executeTakeFirst();
    if (raced) return raced;
  }
  throw new Error("Could not allocate a tracked link code");
}

/** The redirect's single indexed lookup. */
export async function findTrackedLink(db: DB, code: string): Promise<TrackedLinkTarget | null> {
  if (!CODE_PATTERN.test(code)) return null;
  const row = await db.selectFrom("tracked_links").select(["id", "user_id", "destination_url"]).where("code", "=", code).executeTakeFirst();
  return row ? { linkId: row.id, ownerId: row.user_id, destination: row.destination_url } : null;
}
