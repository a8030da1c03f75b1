import type { WebhookKind } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { retryJob } from "~/models/jobs/queue.server";
import { decryptWebhookUrl, encryptWebhookUrl, webhookUrlHint } from "./webhook-secret.server";

export const WEBHOOK_JOB = "webhook";

export interface WebhookPayload {
  webhookId: string;
  itemId: string;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An incoming-webhook URL: https (plain http only to this machine, for a local stand-in). */
export function isWebhookUrl(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

export async function connectWebhook(
  db: DB,
  input: { kind: WebhookKind; departmentId: string | null; label: string; url: string; createdBy: string },
  now = Date.now(),
): Promise<{ ok: true; id: string } | { ok: false; error: string; field: string }> {
  if (!isWebhookUrl(input.url)) return { ok: false, field: "url", error: "delivery.errors.webhookUrl" };
  if (input.departmentId) {
    const department = await db.selectFrom("departments").select("id").where("id", "=", input.departmentId).executeTakeFirst();
    if (!department) return { ok: false, field: "departmentId", error: "delivery.errors.unknownDepartment" };
  }
  const id = newId();
  await db
    .insertInto("channel_webhooks")
    .values({
      id,
      kind: input.kind,
      department_id: input.departmentId,
      label: input.label,
      url_encrypted: encryptWebhookUrl(input.url),
      url_hint: webhookUrlHint(input.url),
      created_by: input.createdBy,
      created_at: now,
      disabled_at: null,
    })
    .execute();
  return { ok: true, id };
}

/** The connected channels, never with their URL. */
export async function listWebhooks(db: DB) {
  return db
    .selectFrom("channel_webhooks")
    .leftJoin("departments", "departments.id", "channel_webhooks.department_id")
    .select([
      "channel_webhooks.id",
      "channel_webhooks.kind",
      "channel_webhooks.label",
      "channel_webhooks.url_hint",
      "channel_webhooks.created_at",
      "departments.name as department",
    ])
    .where("channel_webhooks.disabled_at", "is", null)
    .orderBy("channel_webhooks.created_at")
    .execute();
}

/** Disconnects a channel; posts still queued for it are then skipped. */
export async function disconnectWebhook(db: DB, id: string, now = Date.now()): Promise<boolean> {
  const updated = await db
    .updateTable("channel_webhooks")
    .set({ disabled_at: now })
    .where("id", "=", id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** The connected channels an item goes to: company-wide ones, and those of the departments it targets (all when it targets everyone). */
export async function webhooksForItem(db: DB, itemId: string): Promise<string[]> {
  const targets = await db.selectFrom("content_targets").select("department_id").where("item_id", "=", itemId).execute();
  let query = db.selectFrom("channel_webhooks").select("id").where("disabled_at", "is", null);
  if (targets.length)
    query = query.where((eb) =>
      eb.or([
        eb("department_id", "is", null),
        eb(
          "department_id",
          "in",
          targets.map((t) => t.department_id),
        ),
      ]),
    );
  return (await query.orderBy("id").execute()).map((row) => row.id);
}

/** Puts a failed channel post back in the queue (an admin's retry); false when it is no such post. */
export async function retryWebhookPost(db: DB, jobId: string, now = Date.now()): Promise<boolean> {
  const job = await db.selectFrom("jobs").select("kind").where("id", "=", jobId).executeTakeFirst();
  return job?.kind === WEBHOOK_JOB && (await retryJob(db, jobId, now));
}

/** A connected channel's service and URL (for the test button); null when unknown, disconnected or unreadable. */
export async function webhookTarget(db: DB, id: string): Promise<{ kind: WebhookKind; url: string } | null> {
  const hook = await db
    .selectFrom("channel_webhooks")
    .select(["kind", "url_encrypted"])
    .where("id", "=", id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  const url = hook ? decryptWebhookUrl(hook.url_encrypted) : null;
  return hook && url ? { kind: hook.kind, url } : null;
}

/** Channel posts that failed for good (after their retries), newest first, for the admins. */
export async function failedWebhookPosts(db: DB, limit = 20) {
  const rows = await db
    .selectFrom("jobs")
    .select(["id", "payload", "attempts", "last_error", "finished_at"])
    .where("kind", "=", WEBHOOK_JOB)
    .where("status", "=", "failed")
    .orderBy("finished_at", "desc")
    .limit(limit)
    .execute();
  const parsed = rows.map((row) => ({ ...row, ...(JSON.parse(row.payload) as WebhookPayload) }));
  const itemIds = [...new Set(parsed.map((p) => p.itemId))];
  const hookIds = [...new Set(parsed.map((p) => p.webhookId))];
  const [items, hooks] = await Promise.all([
    itemIds.length ? db.selectFrom("content_items").select(["id", "title"]).where("id", "in", itemIds).execute() : [],
    hookIds.length ? db.selectFrom("channel_webhooks").select(["id", "label"]).where("id", "in", hookIds).execute() : [],
  ]);
  return parsed.map((p) => ({
    id: p.id,
    attempts: p.attempts,
    error: p.last_error,
    failedAt: p.finished_at,
    item: items.find((i) => i.id === p.itemId)?.title ?? "",
    channel: hooks.find((h) => h.id === p.webhookId)?.label ?? "",
  }));
}
