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
import { draftText, listDisclosures } from "./guardrails.server";
import { countVariantShare } from "./share-variants.server";
import { isShareNetwork, SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { addShareToRollups } from "~/models/analytics/rollups.server";
import { addShareToChannelRollups } from "~/models/notifications/channels.server";

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
  /** The approved variant the dialog started from (1 or absent: the main text). */
  variant?: number | null;
  /** The networks' required disclosures when the caller has read them (the dialog's guardrail check); else read before the transaction. */
  disclosures?: Partial<Record<ShareNetwork, string | null>>;
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

type FeedItem = NonNullable<Awaited<ReturnType<typeof getFeedItem>>>;

/** The item the person may share on that network now, or why not (checked before any write). */
async function shareableItem(
  db: DB,
  input: RecordShareInput,
  now: number,
): Promise<{ ok: true; item: FeedItem; network: ShareNetwork } | { ok: false; reason: ShareRefusal }> {
  if (!isShareNetwork(input.network)) return { ok: false, reason: "badNetwork" };
  const viewer = await viewerOf(db, input.userId);
  if (!viewer || !(await isOnboarded(db, input.userId))) return { ok: false, reason: "notOnboarded" };
  const item = await getFeedItem(db, viewer, input.itemId, now);
  if (!item) return { ok: false, reason: "notVisible" };
  if (input.network === "email" && subjectTooLong(input.subject)) return { ok: false, reason: "subjectTooLong" };
  return { ok: true, item, network: input.network };
}

/** Scores the share unless the same link scored in the last 24 hours: one conditional UPDATE, so simultaneous shares score once. */
async function claimShareScore(trx: DB, linkId: string, now: number): Promise<boolean> {
  const claimed = await trx
    .updateTable("tracked_links")
    .set({ share_scored_at: now })
    .where("id", "=", linkId)
    .where((eb) => eb.or([eb("share_scored_at", "is", null), eb("share_scored_at", "<=", now - RESHARE_WINDOW_MS)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** The share row, its reach snapshot, the rollups and (when it scored) the ledger, in the caller's transaction. */
async function writeShare(
  trx: DB,
  share: {
    userId: string;
    itemId: string;
    network: ShareNetwork;
    channel: RecordShareInput["channel"];
    linkId: string;
    text: string;
    scored: boolean;
    now: number;
  },
) {
  const followers = await trx
    .selectFrom("follower_counts")
    .select("followers")
    .where("user_id", "=", share.userId)
    .where("network", "=", share.network)
    .executeTakeFirst();
  const reach = followers?.followers ?? 0;
  const shareId = newId();
  await trx
    .insertInto("shares")
    .values({
      id: shareId,
      user_id: share.userId,
      item_id: share.itemId,
      network: share.network,
      channel: share.channel ?? "feed",
      created_at: share.now,
      text: share.text,
      link_id: share.linkId,
      reach,
      scored: share.scored ? 1 : 0,
    })
    .execute();
  await addShareToRollups(trx, {
    userId: share.userId,
    itemId: share.itemId,
    network: share.network,
    at: share.now,
    reach,
    scored: share.scored,
  });
  await addShareToChannelRollups(trx, { channel: share.channel ?? "feed", at: share.now });
  const points = share.scored
    ? await awardPoints(trx, {
        userId: share.userId,
        action: "share",
        referenceType: "share",
        referenceId: shareId,
        at: share.now,
        counters: { shares: 1 },
      })
    : 0;
  return { shareId, points };
}

export async function recordShare(db: DB, input: RecordShareInput): Promise<RecordShareResult> {
  const now = input.now ?? Date.now();
  const checked = await shareableItem(db, input, now);
  if (!checked.ok) return checked;
  const { item, network } = checked;
  const disclosure = (input.disclosures ?? (await listDisclosures(db)))[network] ?? null;
  const subject = network === "email" ? subjectFor(input.subject, item.shareTexts.email?.subject, item.title) : "";
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
      const scored = await claimShareScore(trx, link.id, now);
      const { shareId, points } = await writeShare(trx, {
        userId: input.userId,
        itemId: item.id,
        network,
        channel: input.channel,
        linkId: link.id,
        text: finalText,
        scored,
        now,
      });
      await countVariantShare(trx, { item, network, variant: input.variant, finalText, trackedUrl, disclosure, at: now });
      const shareUrl = networkShareUrl(network, { finalText, trackedUrl, subject });
      return { ok: true as const, shareId, code: link.code, trackedUrl, finalText, shareUrl, scored, points };
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
 * network has none) with the network's required disclosure, the hashtags and the person's own
 * tracked link. The links are made here, when an onboarded person opens the dialog, so the text
 * they edit or copy already carries the link
 * their clicks will be counted on; a link nobody shares earns and counts nothing but real visits.
 */
export async function shareDrafts(
  db: DB,
  userId: string,
  item: NonNullable<Awaited<ReturnType<typeof getFeedItem>>>,
  origin: string,
  /** Each network's required disclosure, added to its suggested text. */
  disclosures: Partial<Record<ShareNetwork, string | null>> = {},
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
      text: draftText(network, suggested?.text ?? item.title, item.hashtagList, disclosures[network] ?? null, trackedUrl),
      subject: network === "email" ? subjectFor(null, suggested?.subject, item.title) : null,
      trackedUrl,
      linkOnly: LINK_ONLY_NETWORKS.includes(network),
    };
  });
}
