import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { enqueueJobs } from "~/models/jobs/queue.server";
import { notifyMany } from "~/models/notifications/notify.server";
import { alertByMail, alertInBell } from "./alert-channel.server";
import { takeUrgentAlert } from "./urgent-cap.server";
import { WEBHOOK_JOB, webhooksForItem, type WebhookPayload } from "./webhooks.server";

export const PUBLICATION_JOB = "publication";
export const ALERT_JOB = "alert";
const AUDIENCE_PAGE = 1000;

export interface PublicationPayload {
  itemId: string;
  urgent: boolean;
}

export interface AlertPayload {
  userId: string;
  itemId: string;
}

/**
 * Called in the transaction that publishes an item (at its publish time, never at approval). Once per
 * item (alerted_at is claimed by a conditional update): takes one of the week's urgent alerts when the
 * editor asked for "notify now", and records the jobs of the publication, all committing with it: the
 * fan-out to the item's audience (bell, and urgent mail) and one post per connected Teams/Slack channel.
 */
export async function announcePublication(trx: DB, itemId: string, now: number): Promise<void> {
  const claimed = await trx
    .updateTable("content_items")
    .set({ alerted_at: now })
    .where("id", "=", itemId)
    .where("alerted_at", "is", null)
    .returning("notify_now")
    .executeTakeFirst();
  if (!claimed) return;
  let urgent = false;
  if (claimed.notify_now === 1) {
    urgent = await takeUrgentAlert(trx, now);
    await trx
      .updateTable("content_items")
      .set({ urgent_outcome: urgent ? "alerted" : "capped" })
      .where("id", "=", itemId)
      .execute();
  }
  const hooks = await webhooksForItem(trx, itemId);
  await enqueueJobs(
    trx,
    [
      { kind: PUBLICATION_JOB, payload: { itemId, urgent } satisfies PublicationPayload, dedupeKey: `publication:${itemId}` },
      ...hooks.map((webhookId) => ({
        kind: WEBHOOK_JOB,
        payload: { webhookId, itemId } satisfies WebhookPayload,
        dedupeKey: `webhook:${webhookId}:${itemId}`,
      })),
    ],
    now,
  );
}

async function audiencePage(db: DB, item: { language: Locale; departments: string[] }, after: string) {
  let query = db
    .selectFrom("users")
    .select(["id", "alert_channel"])
    .where("status", "=", "active")
    .where("id", ">", after)
    .where((eb) =>
      item.language === DEFAULT_LOCALE
        ? eb.or([eb("locale", "=", item.language), eb("locale", "is", null)])
        : eb("locale", "=", item.language),
    );
  if (item.departments.length) query = query.where("department_id", "in", item.departments);
  return query.orderBy("id").limit(AUDIENCE_PAGE).execute();
}

/**
 * The publication's fan-out, written in the transaction that completes its job (so exactly once):
 * everyone the item targets (department, language, as the feed and the digest) gets a bell
 * notification; an urgent item reaches each of them by their chosen channel instead: the bell, an
 * alert mail job, or both.
 * Nothing when the item is no longer visible. Returns how many people it reached.
 */
export async function fanOutPublication(trx: DB, payload: PublicationPayload, now: number): Promise<number> {
  const item = await trx
    .selectFrom("content_items")
    .select(["id", "title", "language"])
    .where("id", "=", payload.itemId)
    .where("status", "in", ["approved", "published"])
    .where((eb) => eb.or([eb("expire_at", "is", null), eb("expire_at", ">", now)]))
    .executeTakeFirst();
  if (!item) return 0;
  const departments = (await trx.selectFrom("content_targets").select("department_id").where("item_id", "=", item.id).execute()).map(
    (t) => t.department_id,
  );
  // An urgent item in the bell is the alert reaching the app: a share from it counts for the alert.
  const notice = {
    kind: payload.urgent ? "urgent_item" : "new_item",
    params: { title: item.title },
    link: payload.urgent ? `/feed/${item.id}?via=alert` : `/feed/${item.id}`,
  } as const;
  let reached = 0;
  for (let after = ""; ;) {
    const people = await audiencePage(trx, { language: item.language, departments }, after);
    if (people.length === 0) break;
    const belled = payload.urgent ? people.filter((p) => alertInBell(p.alert_channel)) : people;
    const mailed = payload.urgent ? people.filter((p) => alertByMail(p.alert_channel)) : [];
    await notifyMany(
      trx,
      belled.map((p) => p.id),
      notice,
      now,
    );
    reached += people.length;
    if (mailed.length) {
      await enqueueJobs(
        trx,
        mailed.map((p) => ({
          kind: ALERT_JOB,
          payload: { userId: p.id, itemId: item.id } satisfies AlertPayload,
          dedupeKey: `alert:${item.id}:${p.id}`,
        })),
        now,
      );
    }
    after = people[people.length - 1].id;
  }
  return reached;
}
