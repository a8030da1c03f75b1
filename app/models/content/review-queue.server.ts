/** The review queue, longest-waiting first, and the time-to-approval figures of the comms dashboard. */
import type { ContentStatus } from "#db/schema";
import { CONTENT_STATUSES } from "#db/schema";
import { type DB } from "~/utils/db.server";

/** Items waiting for legal review, the longest-waiting first. */
export async function reviewQueue(db: DB, now = Date.now()) {
  const rows = await db
    .selectFrom("content_items")
    .leftJoin("users as creator", "creator.id", "content_items.created_by")
    .leftJoin("campaigns", "campaigns.id", "content_items.campaign_id")
    .select([
      "content_items.id",
      "content_items.title",
      "content_items.language",
      "content_items.submitted_at",
      "content_items.publish_at",
      "content_items.created_by",
      "content_items.updated_by",
      "content_items.proposed_by",
      "creator.name as created_by_name",
      "campaigns.name as campaign_name",
    ])
    .where("content_items.status", "=", "in_review")
    .orderBy("content_items.submitted_at", "asc")
    .orderBy("content_items.id")
    .execute();
  return rows.map((row) => ({ ...row, waitingMs: Math.max(0, now - (row.submitted_at ?? now)) }));
}

export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Time from submission to approval for approvals in the window. A review cycle starts at the first
 * submission after the previous approval (or creation), so rounds of requested changes count.
 */
export async function approvalDurations(db: DB, now = Date.now(), days = 30): Promise<number[]> {
  const since = now - days * 24 * 60 * 60 * 1000;
  const approved = await db
    .selectFrom("content_transitions")
    .select("item_id")
    .distinct()
    .where("to_status", "=", "approved")
    .where("at", ">", since)
    .where("at", "<=", now)
    .execute();
  if (approved.length === 0) return [];
  const transitions = await db
    .selectFrom("content_transitions")
    .select(["item_id", "to_status", "at"])
    .where("item_id", "in", approved.map((r) => r.item_id))
    .where("to_status", "in", ["in_review", "approved"])
    .where("at", "<=", now)
    .orderBy("item_id")
    .orderBy("seq")
    .execute();
  const durations: number[] = [];
  let currentItem: string | null = null;
  let cycleStart: number | null = null;
  for (const t of transitions) {
    if (t.item_id !== currentItem) {
      currentItem = t.item_id;
      cycleStart = null;
    }
    if (t.to_status === "in_review") cycleStart ??= t.at;
    else if (t.to_status === "approved") {
      if (cycleStart !== null && t.at > since) durations.push(t.at - cycleStart);
      cycleStart = null;
    }
  }
  return durations;
}

/** The communications dashboard's figures. */
export async function contentDashboard(db: DB, now = Date.now()) {
  const counts = await db.selectFrom("content_items").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("status").execute();
  const byStatus = Object.fromEntries(CONTENT_STATUSES.map((s) => [s, 0])) as Record<ContentStatus, number>;
  for (const row of counts) byStatus[row.status] = Number(row.n);
  const waiting = await db
    .selectFrom("content_items")
    .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("submitted_at").as("oldest")])
    .where("status", "=", "in_review")
    .executeTakeFirstOrThrow();
  const durations = await approvalDurations(db, now, 30);
  const pendingIdeas = await db.selectFrom("ideas").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "pending").executeTakeFirstOrThrow();
  const oldest = waiting.oldest === null ? null : Number(waiting.oldest);
  return {
    byStatus,
    waitingCount: Number(waiting.n),
    oldestWaitingMs: oldest === null ? null : Math.max(0, now - oldest),
    medianApprovalMs: median(durations),
    approvalsCounted: durations.length,
    pendingIdeas: Number(pendingIdeas.n),
  };
}
