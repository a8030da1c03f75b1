import { signatureFor, TIMESTAMP_HEADER, SIGNATURE_HEADER } from "~/models/conversions/webhook.server";
import * as api from "~/routes/api.conversions";
import { guardRequest } from "~/runtime/request-guard.server";
import { db } from "~/utils/db.server";
import { call, ORIGIN } from "../support/http";

let counter = 0;

/** A content item with a tracked link of (person, network), inserted directly; the code is valid. */
export async function linkFor(userId: string, network: string, options: { campaignId?: string | null; at: number }) {
  counter += 1;
  const itemId = `conv-item-${counter}-${Math.random().toString(36).slice(2, 6)}`;
  await db
    .insertInto("content_items")
    .values({
      id: itemId,
      title: `Item ${counter}`,
      destination_url: "https://example.com/a",
      language: "es",
      status: "published",
      campaign_id: options.campaignId ?? null,
      created_at: options.at,
      updated_at: options.at,
    })
    .execute();
  const code = `Cv${String(counter).padStart(2, "2").replace(/[01]/g, "2")}${Math.random()
    .toString(36)
    .replace(/[^a-km-np-z2-9]/g, "")
    .slice(0, 4)
    .padEnd(4, "x")}`.slice(0, 8);
  const id = `conv-link-${counter}-${code}`;
  await db
    .insertInto("tracked_links")
    .values({
      id,
      code,
      user_id: userId,
      item_id: itemId,
      network,
      destination_url: "https://example.com",
      click_points: 0,
      created_at: options.at,
    })
    .execute();
  return { id, code, itemId };
}

/** POST /api/conversions through the request guard, signed with `secret` at `timestamp` (unix seconds). */
export async function postConversion(
  body: unknown,
  options: { secret?: string | null; timestamp?: number; signature?: string; contentType?: string } = {},
) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers = new Headers({ "Content-Type": options.contentType ?? "application/json" });
  if (options.secret !== null && options.secret !== undefined) {
    headers.set(TIMESTAMP_HEADER, timestamp);
    headers.set(SIGNATURE_HEADER, options.signature ?? `sha256=${signatureFor(options.secret, timestamp, raw)}`);
  }
  const guarded = await guardRequest(new Request(`${ORIGIN}/api/conversions`, { method: "POST", headers, body: raw }));
  if (!guarded.ok) throw new Error(`guard refused: ${guarded.rejection.message}`);
  const response = await call(api.action, guarded.request);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
