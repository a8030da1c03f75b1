/**
 * A campaign's results against its budget and goals, over the campaign's own window (its first
 * day to its last), read from the rollups kept by shares, clicks and conversions as they happen
 * (analytics_rollups and conversion_rollups), never from the ledger, clicks or conversions.
 *
 * The share goal counts what the campaign's page counts: shares that scored during the window
 * (`challengeTotals`, the campaign's score buckets), not re-shares of the same link within a day.
 *
 * Cost per lead = budget ÷ leads (conversions of kind "lead") in that window, in the budget's
 * currency; null without a budget or without leads.
 */
import type { DB } from "~/utils/db.server";
import { rangeBlocks, type Range } from "~/models/analytics/queries.server";
import { rollupsIn } from "~/models/analytics/rollups.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { challengeTotals } from "~/models/scoring/challenges.server";
import { conversionRollupsIn } from "./rollups.server";

export const GOAL_METRICS = ["shares", "uniqueClicks", "conversions"] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export interface CampaignResults {
  id: string;
  name: string;
  startsAt: number;
  endsAt: number;
  /** Major units. */
  budget: { amount: number; currency: string } | null;
  shares: number;
  uniqueClicks: number;
  conversions: number;
  leads: number;
  /** Major units of the budget's currency. */
  costPerLead: number | null;
  goals: { metric: GoalMetric; target: number; reached: number; progress: number }[];
}

type CampaignRow = {
  id: string;
  name: string;
  starts_at: number;
  ends_at: number;
  goal_shares: number | null;
  goal_unique_clicks: number | null;
  goal_conversions: number | null;
  budget_cents: number | null;
  budget_currency: string | null;
};

const COLUMNS = [
  "id",
  "name",
  "starts_at",
  "ends_at",
  "goal_shares",
  "goal_unique_clicks",
  "goal_conversions",
  "budget_cents",
  "budget_currency",
] as const;

async function windowTotals(db: DB, campaign: CampaignRow, timeZone: string) {
  const blocks = rangeBlocks({ start: campaign.starts_at, end: campaign.ends_at }, timeZone);
  if (blocks.length === 0) return { shares: (await challengeTotals(db, campaign.id)).shares, uniqueClicks: 0, conversions: 0, leads: 0 };
  const [counted, amplified, converted] = await Promise.all([
    challengeTotals(db, campaign.id),
    db
      .selectFrom(rollupsIn(db, "campaign", blocks).as("r"))
      .select((eb) => eb.fn.sum<number>("r.unique_clicks").as("unique_clicks"))
      .where("r.key", "=", campaign.id)
      .where("r.network", "!=", "")
      .executeTakeFirst(),
    db
      .selectFrom(conversionRollupsIn(db, "campaign", blocks).as("r"))
      .select((eb) => [eb.fn.sum<number>("r.conversions").as("conversions"), eb.fn.sum<number>("r.leads").as("leads")])
      .where("r.key", "=", campaign.id)
      .executeTakeFirst(),
  ]);
  return {
    shares: counted.shares,
    uniqueClicks: Number(amplified?.unique_clicks ?? 0),
    conversions: Number(converted?.conversions ?? 0),
    leads: Number(converted?.leads ?? 0),
  };
}

async function resultsOf(db: DB, campaign: CampaignRow, timeZone: string): Promise<CampaignResults> {
  const totals = await windowTotals(db, campaign, timeZone);
  const budget =
    campaign.budget_cents !== null && campaign.budget_currency
      ? { amount: Number(campaign.budget_cents) / 100, currency: campaign.budget_currency }
      : null;
  const targets: Record<GoalMetric, number | null> = {
    shares: campaign.goal_shares,
    uniqueClicks: campaign.goal_unique_clicks,
    conversions: campaign.goal_conversions,
  };
  return {
    id: campaign.id,
    name: campaign.name,
    startsAt: campaign.starts_at,
    endsAt: campaign.ends_at,
    budget,
    ...totals,
    costPerLead: budget && totals.leads > 0 ? Math.round((budget.amount / totals.leads) * 100) / 100 : null,
    goals: GOAL_METRICS.flatMap((metric) => {
      const target = targets[metric];
      if (!target) return [];
      const reached = totals[metric];
      return [{ metric, target, reached, progress: Math.min(1, reached / target) }];
    }),
  };
}

export async function campaignResults(db: DB, campaignId: string): Promise<CampaignResults | null> {
  const campaign = await db.selectFrom("campaigns").select(COLUMNS).where("id", "=", campaignId).executeTakeFirst();
  return campaign ? resultsOf(db, campaign, await getOrganisationTimeZone(db)) : null;
}

/** Campaigns running at some point of the range (newest first), each with its whole window's results. */
export async function campaignResultsIn(db: DB, range: Range, options: { timeZone?: string } = {}): Promise<CampaignResults[]> {
  const timeZone = options.timeZone ?? (await getOrganisationTimeZone(db));
  const campaigns = await db
    .selectFrom("campaigns")
    .select(COLUMNS)
    .where("starts_at", "<", range.end)
    .where("ends_at", ">", range.start)
    .orderBy("starts_at", "desc")
    .orderBy("name")
    .execute();
  return Promise.all(campaigns.map((c) => resultsOf(db, c, timeZone)));
}

/** The results of the given campaigns, by id (for the campaigns CSV). */
export async function campaignResultsById(
  db: DB,
  ids: string[],
  options: { timeZone?: string } = {},
): Promise<Map<string, CampaignResults>> {
  const wanted = [...new Set(ids.filter(Boolean))];
  if (wanted.length === 0) return new Map();
  const timeZone = options.timeZone ?? (await getOrganisationTimeZone(db));
  const campaigns = await db.selectFrom("campaigns").select(COLUMNS).where("id", "in", wanted).execute();
  const results = await Promise.all(campaigns.map((c) => resultsOf(db, c, timeZone)));
  return new Map(results.map((r) => [r.id, r]));
}
