import { sql, type ExpressionBuilder } from "kysely";
import type { Database, Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { renderCommentary } from "~/models/core/markdown.server";
import { containsPattern, normaliseForSearch } from "./text";
import { type ShareNetwork } from "~/models/core/networks";

export const FEED_PAGE_SIZE = 20;

export interface FeedViewer {
  id: string;
  departmentId: string | null;
}

type ItemsEb = ExpressionBuilder<Database, "content_items">;

/**
 * What an employee may see at `now`: approved (or already published) items whose publish_at has
 * come (exactly at publish_at they are visible) and whose expire_at has not (exactly at expire_at
 * they are gone), for everyone or for the viewer's department or cohorts. Derived from the clock, so the feed
 * never waits for the scheduler.
 */
function visibleTo(eb: ItemsEb, viewer: FeedViewer, now: number) {
  const targeted = eb.selectFrom("content_targets").select("content_targets.item_id").whereRef("content_targets.item_id", "=", "content_items.id");
  const cohortTargeted = eb
    .selectFrom("content_cohort_targets")
    .select("content_cohort_targets.cohort_id")
    .whereRef("content_cohort_targets.item_id", "=", "content_items.id");
  const audience = [eb.and([eb.not(eb.exists(targeted)), eb.not(eb.exists(cohortTargeted))])];
  if (viewer.departmentId) audience.push(eb.exists(targeted.where("content_targets.department_id", "=", viewer.departmentId)));
  // In a targeted cohort: listed in it, or in one of its departments.
  const listed = eb.selectFrom("cohort_people").select("cohort_people.cohort_id").where("cohort_people.user_id", "=", viewer.id);
  audience.push(eb.exists(cohortTargeted.where("content_cohort_targets.cohort_id", "in", listed)));
  if (viewer.departmentId) {
    const viaDepartment = eb.selectFrom("cohort_departments").select("cohort_departments.cohort_id").where("cohort_departments.department_id", "=", viewer.departmentId);
    audience.push(eb.exists(cohortTargeted.where("content_cohort_targets.cohort_id", "in", viaDepartment)));
  }
  return eb.and([
    eb("content_items.status", "in", ["approved", "published"]),
    eb("content_items.publish_at", "<=", now),
    eb.or([eb("content_items.expire_at", "is", null), eb("content_items.expire_at", ">", now)]),
    eb.or(audience),
  ]);
}

export interface FeedFilters {
  /** null: both languages. */
  language: Locale | null;
  topic?: string | null;
  query?: string | null;
  page?: number;
  now?: number;
}

type ShareTexts = Partial<Record<ShareNetwork, { text: string; subject: string | null }>>;

async function decorate(
  db: DB,
  viewer: FeedViewer,
  rows: { id: string }[],
): Promise<{ texts: Map<string, ShareTexts>; topics: Map<string, string[]>; shared: Set<string> }> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { texts: new Map(), topics: new Map(), shared: new Set() };
  const [texts, topics, shares] = await Promise.all([
    db.selectFrom("content_share_texts").select(["item_id", "network", "text", "subject"]).where("item_id", "in", ids).execute(),
    db.selectFrom("content_topics").select(["item_id", "topic"]).where("item_id", "in", ids).orderBy("topic").execute(),
    db.selectFrom("shares").select("item_id").distinct().where("user_id", "=", viewer.id).where("item_id", "in", ids).execute(),
  ]);
  const textMap = new Map<string, ShareTexts>();
  for (const t of texts) textMap.set(t.item_id, { ...textMap.get(t.item_id), [t.network]: { text: t.text, subject: t.subject } });
  const topicMap = new Map<string, string[]>();
  for (const t of topics) topicMap.set(t.item_id, [...(topicMap.get(t.item_id) ?? []), t.topic]);
  return { texts: textMap, topics: topicMap, shared: new Set(shares.map((s) => s.item_id)) };
}

const FEED_COLUMNS = [
  "content_items.id",
  "content_items.title",
  "content_items.commentary_md",
  "content_items.destination_url",
  "content_items.image_url",
  "content_items.language",
  "content_items.hashtags",
  "content_items.publish_at",
  "content_items.expire_at",
  "campaigns.name as campaign_name",
] as const;

/** The employee feed: newest first (by publish_at), 20 a page, with the items the viewer already shared marked. */
export async function listFeed(db: DB, viewer: FeedViewer, filters: FeedFilters) {
  const now = filters.now ?? Date.now();
  const page = Math.max(1, filters.page ?? 1);
  let query = db
    .selectFrom("content_items")
    .leftJoin("campaigns", "campaigns.id", "content_items.campaign_id")
    .where((eb) => visibleTo(eb, viewer, now));
  if (filters.language) query = query.where("content_items.language", "=", filters.language);
  if (filters.topic) {
    const topic = filters.topic;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom("content_topics").select("content_topics.item_id").whereRef("content_topics.item_id", "=", "content_items.id").where("content_topics.topic", "=", topic)),
    );
  }
  if (filters.query && normaliseForSearch(filters.query)) {
    query = query.where(sql<boolean>`content_items.search_text like ${containsPattern(filters.query)} escape '\\'`);
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select(FEED_COLUMNS)
    .orderBy("content_items.publish_at", "desc")
    .orderBy("content_items.id")
    .limit(FEED_PAGE_SIZE)
    .offset((page - 1) * FEED_PAGE_SIZE)
    .execute();
  const extra = await decorate(db, viewer, rows);
  return {
    total: Number(total.n),
    page,
    pageSize: FEED_PAGE_SIZE,
    items: rows.map((row) => ({
      ...row,
      commentaryHtml: renderCommentary(row.commentary_md),
      hashtagList: row.hashtags ? row.hashtags.split(" ") : [],
      shareTexts: extra.texts.get(row.id) ?? {},
      topics: extra.topics.get(row.id) ?? [],
      sharedByMe: extra.shared.has(row.id),
    })),
  };
}

/** Topics of the items the viewer can see now (in the language, when given), for the filter. */
export async function feedTopics(db: DB, viewer: FeedViewer, language: Locale | null, now = Date.now()): Promise<string[]> {
  let query = db
    .selectFrom("content_topics")
    .innerJoin("content_items", "content_items.id", "content_topics.item_id")
    .select("content_topics.topic")
    .distinct()
    .where((eb) => visibleTo(eb, viewer, now));
  if (language) query = query.where("content_items.language", "=", language);
  const rows = await query.orderBy("content_topics.topic").execute();
  return rows.map((r) => r.topic);
}

/** One item of the feed, or null when the viewer may not see it (not published, expired, or for other departments). */
export async function getFeedItem(db: DB, viewer: FeedViewer, id: string, now = Date.now()) {
  const row = await db
    .selectFrom("content_items")
    .leftJoin("campaigns", "campaigns.id", "content_items.campaign_id")
    .select([...FEED_COLUMNS, "content_items.campaign_id"])
    .where("content_items.id", "=", id)
    .where((eb) => visibleTo(eb, viewer, now))
    .executeTakeFirst();
  if (!row) return null;
  const extra = await decorate(db, viewer, [row]);
  return {
    ...row,
    commentaryHtml: renderCommentary(row.commentary_md),
    hashtagList: row.hashtags ? row.hashtags.split(" ") : [],
    shareTexts: extra.texts.get(row.id) ?? {},
    topics: extra.topics.get(row.id) ?? [],
    sharedByMe: extra.shared.has(row.id),
  };
}
