/**
 * The conversions webhook: POST /api/conversions with a JSON event, signed by the sender with the
 * organisation's secret. The signature is HMAC-SHA256 over `<timestamp>.<raw body>` in hex, sent
 * as `X-Altavoz-Signature: sha256=<hex>` with `X-Altavoz-Timestamp: <unix seconds>`.
 *
 * - The secret is made here and shown once; HMAC needs it to verify, so it is stored sealed
 *   (secret-box: AES-256-GCM under a key derived from SECRETS_KEY or SESSION_SECRET), not hashed.
 *   Rotating replaces it at once.
 * - A timestamp more than five minutes from the server's clock is refused; a signature already
 *   accepted in the last ten minutes is a replay (kept in conversion_webhook_replays, whose
 *   primary key makes two instances agree). A sender retrying sends a fresh timestamp, hence a
 *   fresh signature, and the event id makes the retry harmless.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { recordAudit } from "~/models/audit/record.server";
import { getSetting, setSetting } from "~/models/core/settings.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { newToken, sha256 } from "~/utils/crypto.server";
import { openSecret, sealSecret } from "~/utils/secret-box.server";

const SECRET_KEY = "conversions.webhookSecret";
export const SECRET_PREFIX = "altavoz_whsec_";
export const TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;
const REPLAY_MEMORY_MS = 2 * TIMESTAMP_TOLERANCE_MS;
export const SIGNATURE_HEADER = "X-Altavoz-Signature";
export const TIMESTAMP_HEADER = "X-Altavoz-Timestamp";

interface StoredSecret {
  sealed: string;
  createdAt: number;
}

function readStored(raw: string | null): StoredSecret | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSecret>;
    return typeof parsed.sealed === "string" && typeof parsed.createdAt === "number"
      ? { sealed: parsed.sealed, createdAt: parsed.createdAt }
      : null;
  } catch {
    return null;
  }
}

/** When the current secret was made, or null when there is none. */
export async function webhookSecretCreatedAt(db: DB): Promise<number | null> {
  return readStored(await getSetting(db, SECRET_KEY))?.createdAt ?? null;
}

/** Makes a new secret (replacing any older one) and returns it: the only time it is shown. */
export async function rotateWebhookSecret(db: DB, actorId: string, now = Date.now()): Promise<string> {
  const secret = `${SECRET_PREFIX}${newToken()}`;
  await inTransaction(db, async (trx) => {
    await setSetting(trx, SECRET_KEY, JSON.stringify({ sealed: sealSecret(secret), createdAt: now }));
    await recordAudit(
      trx,
      { actorId, action: "conversions.secret_rotated", target: { type: "conversion_webhook", id: null, label: "" } },
      now,
    );
  });
  return secret;
}

export const signatureFor = (secret: string, timestamp: string, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

export type WebhookRefusal = "no_secret" | "missing_signature" | "bad_timestamp" | "stale_timestamp" | "bad_signature" | "replayed";

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks the signature and the timestamp of a request and remembers the signature, so the same
 * request cannot be accepted twice. Pass the transaction that records the event.
 */
export async function verifyWebhook(
  trx: DB,
  request: { timestamp: string | null; signature: string | null; body: string },
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; reason: WebhookRefusal }> {
  const stored = readStored(await getSetting(trx, SECRET_KEY));
  const secret = stored ? openSecret(stored.sealed) : null;
  if (!secret) return { ok: false, reason: "no_secret" };
  if (!request.timestamp || !request.signature) return { ok: false, reason: "missing_signature" };
  if (!/^\d{1,12}$/.test(request.timestamp)) return { ok: false, reason: "bad_timestamp" };
  if (Math.abs(now - Number(request.timestamp) * 1000) > TIMESTAMP_TOLERANCE_MS) return { ok: false, reason: "stale_timestamp" };
  const given = request.signature.trim().replace(/^sha256=/, "");
  if (!sameHex(given.toLowerCase(), signatureFor(secret, request.timestamp, request.body))) return { ok: false, reason: "bad_signature" };
  await trx
    .deleteFrom("conversion_webhook_replays")
    .where("seen_at", "<", now - REPLAY_MEMORY_MS)
    .execute();
  const remembered = await trx
    .insertInto("conversion_webhook_replays")
    .values({ signature_hash: sha256(given.toLowerCase()), seen_at: now })
    .onConflict((oc) => oc.column("signature_hash").doNothing())
    .executeTakeFirst();
  if (Number(remembered.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, reason: "replayed" };
  return { ok: true };
}
