import type { ShareChannel } from "#db/schema";
/**
 * Sharing an item: who may, what the post says, the tracked link it carries and the points it
 * earns. A share, its tracked link, its ledger row and the running totals are written in one
 * transaction, so none can exist without the others.
 *
 * Rules:
 * - only onboarded people share (the onboarding model decides what that takes), and only items
 *   they can see in their feed now (approved, published, not expired, for their department);
 * - the post always carries the person's tracked link for (item, network), added at the end when
 *   they removed it; its length is counted the way the network counts (X: links 23, emoji 2);
 * - a share scores (the `share` points of the scheme in force) unless the same person's share of
 *   the same item on the same network scored in the last 24 hours: re-shares are recorded (they
 *   are real posts) but score once a day. The check is one conditional UPDATE of the tracked link,
 *   so two simultaneous shares cannot both score;
 * - the share keeps the sharer's follower count on that network at that moment as its reach.
 */
import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { clickThroughRate, earnedMediaValue, getEmvRates } from "./amplification.server";
import { composeShareText } from "~/models/content/text";
import { getFeedItem, type FeedViewer } from "~/models/content/feed.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { awardPoints } from "~/models/scoring/points.server";
import {
  finalShareText,
  LINK_ONLY_NETWORKS,
  networkShareUrl,
  shareTextProblem,
  subjectTooLong,
  trackedLinkUrl,
  type ShareTextProblem,
} from "./share-text";
import { getOrCreateTrackedLink } from "./tracked-links.server";
import { isShareNetwork, SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { addShareToRollups } from "~/models/analytics/rollups.server";

export const RESHARE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type ShareRefusal = "notOnboarded" | "notVisible" | "badNetwork" | ShareTextProblem;

export interface RecordShareInput {
  userId: string;
  itemId: string;
  network: string;
  /** The text as the person left it in the dialog. */
  text: string;
  /** Email only; empty means the item's suggested subject (or its title). */
  subject?: string | null;
  /** Where /l/<code> is served (APP_ORIGIN or the request's origin). */
  origin: string;
  /** The share dialog's entry point (digest, alert, teams, slack; default feed). */
  channel?: ShareChannel;
  now?: number;
}

export type RecordShareResult =
  | {
      ok: true;
      shareId: string;
      code: string;
      trackedUrl: string;
      finalText: string;
      /** Where the browser goes to publish (a mailto: for email). */
      shareUrl: string;
      scored: boolean;
      points: number;
    }
  | { ok: false; reason: ShareRefusal };

/** Thrown inside the transaction to roll it back when the text turns out to be unusable. */
class ShareRefused extends Error {
  constructor(readonly reason: ShareRefusal) {
    super(reason);
  }
}

async function viewerOf(db: DB, userId: string): Promise<FeedViewer | null> {
  const person = await db
    .selectFrom("users")
    .select(["id", "department_id"])
    .where("id", "=", userId)
    .where("status", "=", "active")
    .executeTakeFirst();
  return person ? { id: person.id, departmentId: person.department_id } : null;
}

/** The email subject: the person's, else the item's suggested one, else its title. */
function subjectFor(input: string | null | undefined, suggested: string | null | undefined, title: string): string {
  return input?.trim() || suggested?.trim() || title;
}

export async function recordShare(db: DB, input: RecordShareInput): Promise<RecordShareResult> {
  const now = input.now ?? Date.now();
  if (!isShareNetwork(input.network)) return { ok: false, reason: "badNetwork" };
  const network = input.network;
  const viewer = await viewerOf(db, input.userId);
  if (!viewer) return { ok: false, reason: "notOnboarded" };
  if (!(await isOnboarded(db, input.userId))) return { ok: false, reason: "notOnboarded" };
  const item = await getFeedItem(db, viewer, input.itemId, now);
  if (!item) return { ok: false, reason: "notVisible" };
  const subject = network === "email" ? subjectFor(input.subject, item.shareTexts.email?.subject, item.title) : "";
  if (network === "email" && subjectTooLong(input.subject)) return { ok: false, reason: "subjectTooLong" };

  try {
    return await db.transaction().execute(async (trx) => {
      const link = await getOrCreateTrackedLink(trx, {
        userId: input.userId,
        itemId: item.id,
        network,
        destinationUrl: item.destination_url,
        campaignName: item.campaign_name,
      });
      const trackedUrl = trackedLinkUrl(input.origin, link.code);
      const problem = shareTextProblem(network, input.text, trackedUrl);
      if (problem) throw new ShareRefused(problem);
      const finalText = finalShareText(input.text, trackedUrl);

      const claimed = await trx
        .updateTable("tracked_links")
        .set({ share_scored_at: now })
        .where("id", "=", link.id)
        .where((eb) => eb.or([eb("share_scored_at", "is", null), eb("share_scored_at", "<=", now - RESHARE_WINDOW_MS)]))
        .executeTakeFirst();
      const scored = Number(claimed.numUpdatedRows) === 1;

      const followers = await trx
        .selectFrom("follower_counts")
        .select("followers")
        .where("user_id", "=", input.userId)
        .where("network", "=", network)
        .executeTakeFirst();
      const shareId = newId();
      await trx
        .insertInto("shares")
        .values({
          id: shareId,
          user_id: input.userId,
          item_id: item.id,
          network,
          channel: input.channel ?? "feed",
          created_at: now,
          text: finalText,
          link_id: link.id,
          reach: followers?.followers ?? 0,
          scored: scored ? 1 : 0,
        })
        .execute();
      await addShareToRollups(trx, { userId: input.userId, itemId: item.id, network, at: now, reach: followers?.followers ?? 0, scored });
      const points = scored
        ? await awardPoints(trx, {
            userId: input.userId,
            action: "share",
            referenceType: "share",
            referenceId: shareId,
            at: now,
            counters: { shares: 1 },
          })
        : 0;
      return {
        ok: true as const,
        shareId,
        code: link.code,
        trackedUrl,
        finalText,
        shareUrl: networkShareUrl(network, { finalText, trackedUrl, subject }),
        scored,
        points,
      };
    });
  } catch (error) {
    if (error instanceof ShareRefused) return { ok: false, reason: error.reason };
    throw error;
  }
}

export interface ShareDraft {
  network: ShareNetwork;
  /** Suggested text, hashtags and the person's tracked link, ready to edit. */
  text: string;
  /** Email only. */
  subject: string | null;
  trackedUrl: string;
  /** LinkedIn and Facebook take only the link: the text is pasted by the person. */
  linkOnly: boolean;
}

/**
 * What the share dialog starts from, per network: the item's suggested text (its title when the
 * network has none) with the hashtags and the person's own tracked link. The links are made here,
 * when an onboarded person opens the dialog, so the text they edit or copy already carries the link
 * their clicks will be counted on; a link nobody shares earns and counts nothing but real visits.
 */
export async function shareDrafts(
  db: DB,
  userId: string,
  item: NonNullable<Awaited<ReturnType<typeof getFeedItem>>>,
  origin: string,
): Promise<ShareDraft[]> {
  const existing = await db
    .selectFrom("tracked_links")
    .select(["network", "code"])
    .where("user_id", "=", userId)
    .where("item_id", "=", item.id)
    .execute();
  const codes = new Map(existing.map((l) => [l.network, l.code]));
  const missing = SHARE_NETWORKS.filter((network) => !codes.has(network));
  if (missing.length) {
    await db.transaction().execute(async (trx) => {
      for (const network of missing) {
        const link = await getOrCreateTrackedLink(trx, {
          userId,
          itemId: item.id,
          network,
          destinationUrl: item.destination_url,
          campaignName: item.campaign_name,
        });
        codes.set(network, link.code);
      }
    });
  }
  return SHARE_NETWORKS.map((network) => {
    const trackedUrl = trackedLinkUrl(origin, codes.get(network) ?? "");
    const suggested = item.shareTexts[network];
    return {
      network,
      text: composeShareText(network, suggested?.text ?? item.title, item.hashtagList, trackedUrl),
      subject: network === "email" ? subjectFor(null, suggested?.subject, item.title) : null,
      trackedUrl,
      linkOnly: LINK_ONLY_NETWORKS.includes(network),
    };
  });
}

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
  let base = db.selectFrom("shares").innerJoin("tracked_links", "tracked_links.id", "shares.link_id").where("shares.user_id", "=", userId);
  if (options.itemId) base = base.where("shares.item_id", "=", options.itemId);
  const [count, grouped, rates] = await Promise.all([
    base.select((eb) => eb.fn.count<number>("shares.link_id").distinct().as("n")).executeTakeFirstOrThrow(),
    base
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
      .execute(),
    getEmvRates(db),
  ]);
  const linkIds = grouped.map((g) => g.link_id);
  if (linkIds.length === 0) return { rows: [], total: Number(count.n), currency: rates.currency };
  const [clicks, sharePoints, lastTexts] = await Promise.all([
    db
      .selectFrom("link_clicks")
      .select((eb) => ["link_id", eb.fn.countAll<number>().as("clicks"), eb.fn.sum<number>("is_unique").as("unique_clicks")])
      .where("link_id", "in", linkIds)
      .where("is_self", "=", 0)
      .groupBy("link_id")
      .execute(),
    db
      .selectFrom("points_ledger")
      .innerJoin("shares", "shares.id", "points_ledger.reference_id")
      .select((eb) => ["shares.link_id", eb.fn.sum<number>("points_ledger.points").as("points")])
      .where("points_ledger.user_id", "=", userId)
      .where("points_ledger.action", "=", "share")
      .where("points_ledger.reference_type", "=", "share")
      .where("shares.link_id", "in", linkIds)
      .groupBy("shares.link_id")
      .execute(),
    db
      .selectFrom("shares")
      .select(["link_id", "text", "created_at"])
      .where("link_id", "in", linkIds)
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .execute(),
  ]);
  const clickMap = new Map(clicks.map((c) => [c.link_id, c]));
  const pointMap = new Map(sharePoints.map((p) => [p.link_id, Number(p.points)]));
  const textMap = new Map<string, string>();
  for (const s of lastTexts) if (s.link_id && !textMap.has(s.link_id)) textMap.set(s.link_id, s.text);
  const rows = grouped.flatMap((g): SharedLinkMetrics[] => {
    if (!isShareNetwork(g.network)) return [];
    const c = clickMap.get(g.link_id);
    const clickCount = Number(c?.clicks ?? 0);
    const uniqueClicks = Number(c?.unique_clicks ?? 0);
    const reach = Number(g.reach ?? 0);
    return [
      {
        linkId: g.link_id,
        code: g.code,
        itemId: g.item_id,
        itemTitle: g.title ?? "",
        network: g.network,
        shares: Number(g.shares),
        scoredShares: Number(g.scored ?? 0),
        firstSharedAt: Number(g.first_at),
        lastSharedAt: Number(g.last_at),
        lastText: textMap.get(g.link_id) ?? "",
        clicks: clickCount,
        uniqueClicks,
        reach,
        ctr: reach > 0 ? clickThroughRate(clickCount, reach) : null,
        emv: Math.round(earnedMediaValue(rates, g.network, uniqueClicks, reach) * 100) / 100,
        points: (pointMap.get(g.link_id) ?? 0) + Number(g.click_points),
      },
    ];
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
