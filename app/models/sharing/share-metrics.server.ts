/** What each of a person's tracked links achieved (My shares), and where a re-share would not score. */
import type { DB } from "~/utils/db.server";
import { clickThroughRate, earnedMediaValue, getEmvRates, type EmvRates } from "./amplification.server";

import { isShareNetwork, type ShareNetwork } from "~/models/core/networks";
import { RESHARE_WINDOW_MS } from "./shares.server";

export interface SharedLinkMetrics {
  linkId: string;
  code: string;
  itemId: string;
  itemTitle: string;
  network: ShareNetwork;
  /** Times shared with this link, and how many of them scored. */
  shares: number;
  scoredShares: number;
  firstSharedAt: number;
  lastSharedAt: number;
  /** The text of the latest share. */
  lastText: string;
  clicks: number;
  uniqueClicks: number;
  /** Followers at the time of each scoring share, added up. */
  reach: number;
  ctr: number | null;
  emv: number;
  /** Share points plus click points. */
  points: number;
}

export const MY_SHARES_PAGE_SIZE = 25;

function sharesOfPerson(db: DB, userId: string, itemId: string | undefined) {
  const base = db
    .selectFrom("shares")
    .innerJoin("tracked_links", "tracked_links.id", "shares.link_id")
    .where("shares.user_id", "=", userId);
  return itemId ? base.where("shares.item_id", "=", itemId) : base;
}

function linkGroupsPage(db: DB, userId: string, itemId: string | undefined, page: number, pageSize: number) {
  return sharesOfPerson(db, userId, itemId)
    .leftJoin("content_items", "content_items.id", "shares.item_id")
    .select((eb) => [
      "tracked_links.id as link_id",
      "tracked_links.code",
      "tracked_links.item_id",
      "tracked_links.network",
      "tracked_links.click_points",
      eb.fn.max("content_items.title").as("title"),
      eb.fn.countAll<number>().as("shares"),
      eb.fn.sum<number>("shares.scored").as("scored"),
      eb.fn.min<number>("shares.created_at").as("first_at"),
      eb.fn.max<number>("shares.created_at").as("last_at"),
      eb.fn.sum<number>(eb.case().when("shares.scored", "=", 1).then(eb.ref("shares.reach")).else(0).end()).as("reach"),
    ])
    .groupBy(["tracked_links.id", "tracked_links.code", "tracked_links.item_id", "tracked_links.network", "tracked_links.click_points"])
    .orderBy("last_at", "desc")
    .orderBy("tracked_links.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

type LinkGroup = Awaited<ReturnType<typeof linkGroupsPage>>[number];
type LinkClicks = { clicks: number; unique_clicks: number };

async function clicksPerLink(db: DB, linkIds: string[]): Promise<Map<string, LinkClicks>> {
  const clicks = await db
    .selectFrom("link_clicks")
    .select((eb) => ["link_id", eb.fn.countAll<number>().as("clicks"), eb.fn.sum<number>("is_unique").as("unique_clicks")])
    .where("link_id", "in", linkIds)
    .where("is_self", "=", 0)
    .groupBy("link_id")
    .execute();
  return new Map(clicks.map((c) => [c.link_id, c]));
}

async function sharePointsPerLink(db: DB, userId: string, linkIds: string[]): Promise<Map<string | null, number>> {
  const sharePoints = await db
    .selectFrom("points_ledger")
    .innerJoin("shares", "shares.id", "points_ledger.reference_id")
    .select((eb) => ["shares.link_id", eb.fn.sum<number>("points_ledger.points").as("points")])
    .where("points_ledger.user_id", "=", userId)
    .where("points_ledger.action", "=", "share")
    .where("points_ledger.reference_type", "=", "share")
    .where("shares.link_id", "in", linkIds)
    .groupBy("shares.link_id")
    .execute();
  return new Map(sharePoints.map((p) => [p.link_id, Number(p.points)]));
}

async function latestTextPerLink(db: DB, userId: string, linkIds: string[]): Promise<Map<string, string>> {
  const lastTexts = await db
    .selectFrom("shares")
    .select(["link_id", "text", "created_at"])
    .where("link_id", "in", linkIds)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
  const textMap = new Map<string, string>();
  for (const s of lastTexts) if (s.link_id && !textMap.has(s.link_id)) textMap.set(s.link_id, s.text);
  return textMap;
}

function toSharedLinkMetrics(
  g: LinkGroup,
  network: ShareNetwork,
  c: LinkClicks | undefined,
  sharePoints: number,
  lastText: string,
  rates: EmvRates,
): SharedLinkMetrics {
  const clickCount = Number(c?.clicks ?? 0);
  const uniqueClicks = Number(c?.unique_clicks ?? 0);
  const reach = Number(g.reach ?? 0);
  return {
    linkId: g.link_id,
    code: g.code,
    itemId: g.item_id,
    itemTitle: g.title ?? "",
    network,
    shares: Number(g.shares),
    scoredShares: Number(g.scored ?? 0),
    firstSharedAt: Number(g.first_at),
    lastSharedAt: Number(g.last_at),
    lastText,
    clicks: clickCount,
    uniqueClicks,
    reach,
    ctr: reach > 0 ? clickThroughRate(clickCount, reach) : null,
    emv: Math.round(earnedMediaValue(rates, network, uniqueClicks, reach) * 100) / 100,
    points: sharePoints + Number(g.click_points),
  };
}

/**
 * A person's shares, one row per tracked link (item × network: re-shares reuse the link, so their
 * clicks cannot be told apart), newest first, with clicks (the sharer's own left out), unique
 * clicks, reach, CTR, EMV and the points earned. `itemId` narrows to one item.
 */
export async function sharedLinkMetrics(
  db: DB,
  userId: string,
  options: { itemId?: string; page?: number; pageSize?: number } = {},
): Promise<{ rows: SharedLinkMetrics[]; total: number; currency: string }> {
  const pageSize = options.pageSize ?? MY_SHARES_PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  const [count, grouped, rates] = await Promise.all([
    sharesOfPerson(db, userId, options.itemId)
      .select((eb) => eb.fn.count<number>("shares.link_id").distinct().as("n"))
      .executeTakeFirstOrThrow(),
    linkGroupsPage(db, userId, options.itemId, page, pageSize),
    getEmvRates(db),
  ]);
  const linkIds = grouped.map((g) => g.link_id);
  if (linkIds.length === 0) return { rows: [], total: Number(count.n), currency: rates.currency };
  const [clickMap, pointMap, textMap] = await Promise.all([
    clicksPerLink(db, linkIds),
    sharePointsPerLink(db, userId, linkIds),
    latestTextPerLink(db, userId, linkIds),
  ]);
  const rows = grouped.flatMap((g): SharedLinkMetrics[] => {
    if (!isShareNetwork(g.network)) return [];
    const metrics = toSharedLinkMetrics(
      g,
      g.network,
      clickMap.get(g.link_id),
      pointMap.get(g.link_id) ?? 0,
      textMap.get(g.link_id) ?? "",
      rates,
    );
    return [metrics];
  });
  return { rows, total: Number(count.n), currency: rates.currency };
}

/** Networks on which the person's share of the item scored in the last 24 hours (a re-share would not score). */
export async function recentlyScoredNetworks(db: DB, userId: string, itemId: string, now = Date.now()): Promise<ShareNetwork[]> {
  const rows = await db
    .selectFrom("tracked_links")
    .select("network")
    .where("user_id", "=", userId)
    .where("item_id", "=", itemId)
    .where("share_scored_at", ">", now - RESHARE_WINDOW_MS)
    .execute();
  return rows.map((r) => r.network).filter(isShareNetwork);
}
