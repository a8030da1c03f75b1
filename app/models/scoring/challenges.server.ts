/**
 * Campaign challenges: a campaign's window is a leaderboard period of its own (its buckets are
 * kept by addToBuckets and rebuilt by recomputeCampaignBuckets), and its goal counts every share
 * made during the window by anyone (deactivated people included: they did share).
 */
import type { DB } from "~/utils/db.server";
import { getLeaderboard, type Leaderboard } from "./leaderboard.server";

export interface ChallengeProgress {
  id: string;
  name: string;
  goal: string | null;
  goalShares: number | null;
  startsAt: number;
  endsAt: number;
  shares: number;
  participants: number;
  /** 0–1, capped at 1; null without a share goal. */
  progress: number | null;
  state: "upcoming" | "running" | "ended";
}

/** The shares that count towards a campaign's share goal (shares that scored in its window), here and in analytics. */
export async function challengeTotals(db: DB, campaignId: string) {
  const row = await db
    .selectFrom("score_buckets")
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>("shares"), eb.lit(0)).as("shares"), eb.fn.countAll<number>().as("participants")])
    .where("period_kind", "=", "campaign")
    .where("period_key", "=", campaignId)
    .where("shares", ">", 0)
    .executeTakeFirstOrThrow();
  return { shares: Number(row.shares), participants: Number(row.participants) };
}

function progressOf(
  campaign: { id: string; name: string; goal: string | null; goal_shares: number | null; starts_at: number; ends_at: number },
  counted: { shares: number; participants: number },
  at: number,
): ChallengeProgress {
  return {
    id: campaign.id,
    name: campaign.name,
    goal: campaign.goal,
    goalShares: campaign.goal_shares,
    startsAt: campaign.starts_at,
    endsAt: campaign.ends_at,
    ...counted,
    progress: campaign.goal_shares ? Math.min(1, counted.shares / campaign.goal_shares) : null,
    state: at < campaign.starts_at ? "upcoming" : at >= campaign.ends_at ? "ended" : "running",
  };
}

export async function getChallenge(
  db: DB,
  campaignId: string,
  viewer: { viewerId: string; viewerCanSeeNames: boolean; limit?: number; at?: number },
): Promise<{ challenge: ChallengeProgress & { description: string }; contributors: Leaderboard } | null> {
  const at = viewer.at ?? Date.now();
  const campaign = await db
    .selectFrom("campaigns")
    .select(["id", "name", "description", "goal", "goal_shares", "starts_at", "ends_at"])
    .where("id", "=", campaignId)
    .executeTakeFirst();
  if (!campaign) return null;
  const [counted, contributors] = await Promise.all([
    challengeTotals(db, campaign.id),
    getLeaderboard(db, {
      period: { campaignId },
      metric: "shares",
      limit: viewer.limit ?? 10,
      viewerId: viewer.viewerId,
      viewerCanSeeNames: viewer.viewerCanSeeNames,
      at,
    }),
  ]);
  if (!contributors) return null;
  return { challenge: { ...progressOf(campaign, counted, at), description: campaign.description }, contributors };
}

/** Campaigns running at `at` (soonest to end first) with their progress. */
export async function listRunningChallenges(db: DB, at = Date.now()): Promise<ChallengeProgress[]> {
  const campaigns = await db
    .selectFrom("campaigns")
    .select(["id", "name", "goal", "goal_shares", "starts_at", "ends_at"])
    .where("starts_at", "<=", at)
    .where("ends_at", ">", at)
    .orderBy("ends_at")
    .orderBy("name")
    .limit(10)
    .execute();
  return Promise.all(campaigns.map(async (c) => progressOf(c, await challengeTotals(db, c.id), at)));
}

/** Campaigns to offer as leaderboard periods: running ones first, then the most recent. */
export async function campaignPeriods(db: DB, at = Date.now()) {
  const rows = await db
    .selectFrom("campaigns")
    .select(["id", "name", "starts_at", "ends_at"])
    .where("starts_at", "<=", at)
    .orderBy("starts_at", "desc")
    .orderBy("name")
    .limit(30)
    .execute();
  return [...rows.filter((r) => r.ends_at > at), ...rows.filter((r) => r.ends_at <= at)];
}
