import type { JobHandler } from "./job-runner.server";
import type { WebhookKind } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/utils/i18n";
import { channelCard, testCard, type CardItem } from "~/models/delivery/cards";
import { decryptWebhookUrl } from "~/models/delivery/webhook-secret.server";
import type { WebhookPayload } from "~/models/delivery/webhooks.server";
import { loadDigestEntries } from "~/models/digests/mail.server";
import { mailOrigin } from "./personal-mail-job.server";

const TIMEOUT_MS = 10_000;

/** Posts a card to an incoming webhook; a non-2xx answer or a network error is thrown (and retried). */
export async function postCard(url: string, card: unknown): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(card),
    redirect: "error",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The channel answered HTTP ${response.status}`);
  return response.status;
}

async function cardItem(db: DB, itemId: string, now: number): Promise<(CardItem & { language: string }) | null> {
  const [entry] = await loadDigestEntries(db, [itemId], now);
  if (!entry) return null;
  const row = await db
    .selectFrom("content_items")
    .select(["language", "urgent_outcome"])
    .where("id", "=", itemId)
    .executeTakeFirstOrThrow();
  return { ...entry, summary: entry.suggested ?? "", urgent: row.urgent_outcome === "alerted", language: row.language };
}

export const cardText = (language: string) => {
  const t = getFixedT(isLocale(language) ? language : DEFAULT_LOCALE);
  return { share: t("delivery.card.share"), urgent: t("delivery.card.urgent") };
};

/** Builds the card for one channel at sending time, in the item's language. */
export const buildCard = (kind: WebhookKind, item: CardItem & { language: string }) =>
  channelCard(kind, item, mailOrigin(), cardText(item.language));

/** The admins' test button: posts a test card now (not a job), in the admin's language. */
export async function sendTestCard(
  target: { kind: WebhookKind; url: string },
  language: string,
): Promise<{ status: number } | { error: string }> {
  const t = getFixedT(isLocale(language) ? language : DEFAULT_LOCALE);
  const card = testCard(target.kind, mailOrigin(), {
    ...cardText(language),
    title: t("delivery.card.testTitle"),
    summary: t("delivery.card.testSummary"),
  });
  try {
    return { status: await postCard(target.url, card) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * One item posted to one Teams/Slack channel. Failures are retried with the queue's backoff and, after
 * the last attempt, stay as a failed job the admins see (and can retry); the publication never waits.
 */
export const webhookJob: JobHandler = {
  async perform(payload, { db, now }) {
    const post = payload as WebhookPayload;
    const hook = await db
      .selectFrom("channel_webhooks")
      .select(["kind", "url_encrypted", "disabled_at"])
      .where("id", "=", post.webhookId)
      .executeTakeFirst();
    if (!hook || hook.disabled_at !== null) return { result: { skipped: "disconnected" } };
    const url = decryptWebhookUrl(hook.url_encrypted);
    if (!url) throw new Error("The stored webhook URL cannot be read (was SESSION_SECRET changed?); connect the channel again");
    const item = await cardItem(db, post.itemId, now);
    if (!item) return { result: { skipped: "not visible" } };
    const status = await postCard(url, buildCard(hook.kind, item));
    return { result: { status } };
  },
};
