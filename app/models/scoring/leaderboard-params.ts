/**
 * The leaderboard's query string → a valid board. Anything unknown or not allowed falls back to
 * the default with a notice (a translation key) instead of failing: links get shared and edited.
 */
import { isLeaderboardMetric, type LeaderboardMetric, type LeaderboardPeriod } from "./leaderboard.server";

export type PeriodChoice = "week" | "month" | "quarter" | "all" | `campaign:${string}`;

export interface BoardChoice {
  /** The form's values, as they will be shown selected. */
  period: PeriodChoice;
  scope: "company" | `department:${string}` | `cohort:${string}`;
  metric: LeaderboardMetric;
  /** What to ask the model for. */
  query: { period: LeaderboardPeriod; departmentId: string | null; cohortId: string | null; metric: LeaderboardMetric };
  notices: string[];
}

export function parseBoardChoice(
  params: URLSearchParams,
  context: {
    campaignIds: string[];
    departmentIds: string[];
    ownDepartmentId: string | null;
    anyDepartment: boolean;
    /** The cohorts this viewer may rank within (their own, or all for those who see names). */
    cohortIds?: string[];
  },
): BoardChoice {
  const notices: string[] = [];
  const rawPeriod = params.get("period") || "week";
  let period: PeriodChoice = "week";
  let modelPeriod: LeaderboardPeriod = "week";
  if (rawPeriod === "week" || rawPeriod === "month" || rawPeriod === "quarter" || rawPeriod === "all") {
    period = rawPeriod;
    modelPeriod = rawPeriod;
  } else if (rawPeriod.startsWith("campaign:") && context.campaignIds.includes(rawPeriod.slice("campaign:".length))) {
    period = rawPeriod as PeriodChoice;
    modelPeriod = { campaignId: rawPeriod.slice("campaign:".length) };
  } else {
    notices.push(rawPeriod.startsWith("campaign:") ? "leaderboard.notices.unknownCampaign" : "leaderboard.notices.unknownPeriod");
  }

  const rawScope = params.get("scope") || "company";
  let scope: BoardChoice["scope"] = "company";
  let departmentId: string | null = null;
  let cohortId: string | null = null;
  if (rawScope.startsWith("cohort:")) {
    const id = rawScope.slice("cohort:".length);
    if (context.cohortIds?.includes(id)) {
      scope = `cohort:${id}`;
      cohortId = id;
    } else notices.push("leaderboard.notices.unknownScope");
  } else if (rawScope.startsWith("department:")) {
    const id = rawScope.slice("department:".length);
    const allowed = context.anyDepartment ? context.departmentIds.includes(id) : id === context.ownDepartmentId;
    if (allowed) {
      scope = `department:${id}`;
      departmentId = id;
    } else notices.push("leaderboard.notices.unknownScope");
  } else if (rawScope !== "company") notices.push("leaderboard.notices.unknownScope");

  const rawMetric = params.get("metric") || "points";
  const metric: LeaderboardMetric = isLeaderboardMetric(rawMetric) ? rawMetric : "points";
  if (metric !== rawMetric) notices.push("leaderboard.notices.unknownMetric");

  return { period, scope, metric, query: { period: modelPeriod, departmentId, cohortId, metric }, notices };
}
