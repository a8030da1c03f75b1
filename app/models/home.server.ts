import type { Locale } from "#db/schema";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { listFeed } from "~/models/content/feed.server";
import { getLeaderboard } from "~/models/scoring/leaderboard.server";
import { listRunningChallenges } from "~/models/scoring/challenges.server";
import { challengeView } from "~/models/scoring/leaderboard-present.server";
import { sharedLinkMetrics } from "~/models/sharing/share-metrics.server";
import { presentSharedLinks } from "~/models/sharing/present.server";
import type { DB } from "~/utils/db.server";

/** How many new items and recent results the home shows. */
const HOME_ITEMS = 3;

interface HomeViewer {
  id: string;
  departmentId: string | null;
}

/** The next live session of a published workshop, with its title in the reader's language when there is one. */
async function nextLiveSession(db: DB, userId: string, language: Locale, now: number) {
  const session = await db
    .selectFrom("workshop_sessions as s")
    .innerJoin("workshops as w", "w.id", "s.workshop_id")
    .innerJoin("workshop_versions as v", (join) => join.onRef("v.workshop_id", "=", "w.id").on("v.status", "=", "published"))
    .leftJoin("workshop_registrations as r", (join) => join.onRef("r.session_id", "=", "s.id").on("r.user_id", "=", userId))
    .select(["s.id", "s.starts_at", "s.mode", "s.place", "w.slug", "v.id as versionId", "r.session_id as registered"])
    .where("s.starts_at", ">=", now)
    .where("s.cancelled_at", "is", null)
    .orderBy("s.starts_at")
    .limit(1)
    .executeTakeFirst();
  if (!session) return null;
  const texts = await db
    .selectFrom("workshop_version_texts")
    .select(["language", "title"])
    .where("version_id", "=", session.versionId)
    .execute();
  const title = (texts.find((t) => t.language === language) ?? texts[0])?.title ?? session.slug;
  return { ...session, title, registered: session.registered !== null };
}

/**
 * What an ambassador's home needs besides the onboarding steps: the newest items to share, this week's
 * points and rank with the change, the latest results of their shares and the next live session.
 */
export async function ambassadorHome(db: DB, viewer: HomeViewer, locale: Locale, now = Date.now()) {
  const [feed, board, results, session, timeZone, followerRow, challenges] = await Promise.all([
    listFeed(db, viewer, { language: locale, page: 1, now }),
    getLeaderboard(db, { period: "week", metric: "points", viewerId: viewer.id, viewerCanSeeNames: false, limit: 1, at: now }),
    sharedLinkMetrics(db, viewer.id, { pageSize: HOME_ITEMS }),
    nextLiveSession(db, viewer.id, locale, now),
    getOrganisationTimeZone(db),
    db.selectFrom("follower_counts").select("network").where("user_id", "=", viewer.id).limit(1).executeTakeFirst(),
    listRunningChallenges(db, now),
  ]);
  const me = board?.viewer ?? null;
  return {
    newItems: feed.items.slice(0, HOME_ITEMS).map((item) => ({
      id: item.id,
      title: item.title,
      imageUrl: item.image_url,
      sharedByMe: item.sharedByMe,
      publishedAt: formatDateTime(item.publish_at, locale, timeZone),
    })),
    newItemsTotal: feed.total,
    week: me ? { points: me.value, rank: me.rank, movement: me.movement } : null,
    results: presentSharedLinks(results.rows, { locale, currency: results.currency, timeZone }),
    sharesTotal: results.total,
    /** A share with no reach: the person has not told us their followers on that network. */
    reachMissing: results.rows.some((r) => r.reach === 0),
    /** The running challenge that ends soonest, with its progress. */
    challenge: challenges[0] ? challengeView(challenges[0], locale, timeZone) : null,
    /** Never answered (nor skipped) the follower question: no follower count row at all. */
    followersUnknown: followerRow === undefined,
    session: session
      ? {
          slug: session.slug,
          title: session.title,
          mode: session.mode,
          place: session.place,
          registered: session.registered,
          startsAt: formatDateTime(session.starts_at, locale, timeZone),
        }
      : null,
  };
}
