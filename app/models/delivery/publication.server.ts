import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { enqueueJobs } from "~/models/jobs/queue.server";
import { notifyMany } from "~/models/notifications/notify.server";
import { memberIdsOf } from "~/models/cohorts/members.server";
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

interface Audience {
  language: Locale;
  departments: string[];
  /** The people of the cohorts the item targets; null when it targets none. */
  cohortPeople: Set<string> | null;
}

/** The item's targets, as the feed reads them: no department and no cohort means everyone. */
async function audienceOf(trx: DB, item: { id: string; language: Locale }): Promise<Audience> {
  const [departments, cohorts] = await Promise.all([
    trx.selectFrom("content_targets").select("department_id").where("item_id", "=", item.id).execute(),
    trx.selectFrom("content_cohort_targets").select("cohort_id").where("item_id", "=", item.id).execute(),
  ]);
  const members = await memberIdsOf(
    trx,
    cohorts.map((c) => c.cohort_id),
  );
  return {
    language: item.language,
    departments: departments.map((t) => t.department_id),
    cohortPeople: cohorts.length ? new Set([...members.values()].flatMap((ids) => [...ids])) : null,
  };
}

/** A page of the people of the item's language after `after`, and among them those it targets. */
async function audiencePage(db: DB, audience: Audience, after: string) {
  let query = db
    .selectFrom("users")
    .select(["id", "alert_channel", "department_id"])
    .where("status", "=", "active")
    .where("id", ">", after)
    .where((eb) =>
      audience.language === DEFAULT_LOCALE
        ? eb.or([eb("locale", "=", audience.language), eb("locale", "is", null)])
        : eb("locale", "=", audience.language),
    );
  const { departments, cohortPeople } = audience;
  // Cohort members may be in any department: those pages are filtered here rather than in the query.
  if (departments.length && !cohortPeople) query = query.where("department_id", "in", departments);
  const page = await query.orderBy("id").limit(AUDIENCE_PAGE).execute();
  const targeted = cohortPeople
    ? page.filter((p) => cohortPeople.has(p.id) || (p.department_id !== null && departments.includes(p.department_id)))
    : page;
  return { last: page.at(-1)?.id ?? null, targeted };
}

/**
 * The publication's fan-out, written in the transaction that completes its job (so exactly once):
 * everyone the item targets (department, cohort, language, as the feed and the digest) gets a bell
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
  const audience = await audienceOf(trx, item);
  // An urgent item in the bell is the alert reaching the app: a share from it counts for the alert.
  const notice = {
    kind: payload.urgent ? "urgent_item" : "new_item",
    params: { title: item.title },
    link: payload.urgent ? `/feed/${item.id}?via=alert` : `/feed/${item.id}`,
  } as const;
  let reached = 0;
  for (let after = ""; ;) {
    const { last, targeted: people } = await audiencePage(trx, audience, after);
    if (last === null) break;
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
    after = last;
  }
  return reached;
}
