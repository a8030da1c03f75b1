/** Reading content items: one item with everything its pages show, and the editors' paginated list. */
import { sql } from "kysely";
import type { ContentStatus } from "#db/schema";
import { type DB } from "~/utils/db.server";
import { containsPattern, normaliseForSearch } from "./text";
import { type ShareNetwork } from "~/models/core/networks";
import { readShareVariants } from "./share-variants.server";

/** Everything the item pages show: the item, its texts, topics, audience, campaign, people and history. */
export async function getContentItem(db: DB, id: string) {
  const item = await db
    .selectFrom("content_items")
    .leftJoin("campaigns", "campaigns.id", "content_items.campaign_id")
    .leftJoin("users as creator", "creator.id", "content_items.created_by")
    .leftJoin("users as editor", "editor.id", "content_items.updated_by")
    .leftJoin("users as proposer", "proposer.id", "content_items.proposed_by")
    .leftJoin("users as approver", "approver.id", "content_items.approved_by")
    .selectAll("content_items")
    .select([
      "campaigns.name as campaign_name",
      "creator.name as created_by_name",
      "editor.name as updated_by_name",
      "proposer.name as proposed_by_name",
      "approver.name as approved_by_name",
    ])
    .where("content_items.id", "=", id)
    .executeTakeFirst();
  if (!item) return null;
  const [texts, topics, targets, history, cohorts, shareVariants] = await Promise.all([
    db.selectFrom("content_share_texts").select(["network", "text", "subject"]).where("item_id", "=", id).execute(),
    db.selectFrom("content_topics").select("topic").where("item_id", "=", id).orderBy("topic").execute(),
    db
      .selectFrom("content_targets")
      .innerJoin("departments", "departments.id", "content_targets.department_id")
      .select(["departments.id", "departments.name"])
      .where("content_targets.item_id", "=", id)
      .orderBy("departments.name")
      .execute(),
    db
      .selectFrom("content_transitions")
      .leftJoin("users", "users.id", "content_transitions.actor_id")
      .select(["content_transitions.id", "from_status", "to_status", "comment", "at", "users.name as actor_name", "actor_id"])
      .where("item_id", "=", id)
      .orderBy("seq", "asc")
      .execute(),
    db.selectFrom("content_cohort_targets").select("cohort_id").where("item_id", "=", id).execute(),
    readShareVariants(db, id),
  ]);
  const shareTexts: Partial<Record<ShareNetwork, { text: string; subject: string | null }>> = {};
  for (const row of texts) shareTexts[row.network] = { text: row.text, subject: row.subject };
  return {
    ...item,
    hashtagList: item.hashtags ? item.hashtags.split(" ") : [],
    shareTexts,
    shareVariants,
    topics: topics.map((t) => t.topic),
    departments: targets,
    cohortIds: cohorts.map((c) => c.cohort_id),
    history,
  };
}

export type ContentItemDetail = NonNullable<Awaited<ReturnType<typeof getContentItem>>>;

export const CONTENT_PAGE_SIZE = 20;

/** The editors' list: newest changes first, by status and text. */
export async function listContentItems(db: DB, filters: { status?: ContentStatus; query?: string; page?: number; pageSize?: number } = {}) {
  const pageSize = filters.pageSize ?? CONTENT_PAGE_SIZE;
  const page = Math.max(1, filters.page ?? 1);
  let query = db.selectFrom("content_items").leftJoin("campaigns", "campaigns.id", "content_items.campaign_id");
  if (filters.status) query = query.where("content_items.status", "=", filters.status);
  if (filters.query && normaliseForSearch(filters.query)) {
    const pattern = containsPattern(filters.query);
    query = query.where(sql<boolean>`content_items.search_text like ${pattern} escape '\\'`);
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const items = await query
    .select([
      "content_items.id",
      "content_items.title",
      "content_items.status",
      "content_items.language",
      "content_items.publish_at",
      "content_items.expire_at",
      "content_items.submitted_at",
      "content_items.updated_at",
      "campaigns.name as campaign_name",
    ])
    .orderBy("content_items.updated_at", "desc")
    .orderBy("content_items.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total: Number(total.n), page, pageSize };
}
