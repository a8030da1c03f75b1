import type { Migration } from "kysely";
import * as foundation from "./2026-11-22T1600_foundation";
import * as points from "./2026-11-22T1900_points";
import * as trackedLinks from "./2026-11-22T1950_tracked_links";
import * as followerCounts from "./2026-11-22T1960_follower_counts";
import * as content from "./2026-11-23T1000_content";
import * as guidelines from "./2026-11-23T1200_guidelines";
import * as leaderboard from "./2026-11-24T0900_leaderboard";
import * as shareDetails from "./2026-11-24T1100_share_details";
import * as workshops from "./2026-11-24T1200_workshops";
import * as sessionLifetime from "./2026-12-01T1000_session_lifetime";
import * as durableClicks from "./2026-12-01T1100_durable_clicks";
import * as rateLimits from "./2026-12-01T1101_rate_limits";
import * as durableImport from "./2026-12-01T1102_durable_import";
import * as analyticsRollups from "./2026-12-01T1300_analytics_rollups";
import * as passwordResets from "./2026-12-01T1400_password_resets";
import * as guidelineLanguageDecisions from "./2026-12-01T1410_guideline_language_decisions";
import * as notifications from "./2026-12-01T1500_notifications";
import * as jobs from "./2026-12-01T1510_jobs";
import * as delivery from "./2026-12-01T1520_delivery";
import * as conversations from "./2026-12-01T1600_conversations";
import * as identity from "./2026-12-01T1700_identity";
import * as onboardingProgress from "./2026-12-02T0300_onboarding_progress";
import * as urgentOutcome from "./2026-12-02T0500_urgent_outcome";
import * as peopleSyncs from "./2026-12-02T0700_people_syncs";
import * as conversions from "./2026-12-02T0800_conversions";
import * as ideaBoard from "./2026-12-02T0900_idea_board";
import * as cohorts from "./2026-12-02T0910_cohorts";
import * as channelRollups from "./2026-12-03T1300_channel_rollups";
import * as homeQueueIndexes from "./2026-12-03T1400_home_queue_indexes";
import * as digestPeopleIndex from "./2026-12-03T1500_digest_people_index";
import * as alertChannel from "./2026-12-03T1501_alert_channel";
import * as shareVariants from "./2026-12-03T1800_share_variants";
import * as shareGuardrails from "./2026-12-03T1900_share_guardrails";
import * as cohortWaves from "./2026-12-03T2000_cohort_waves";
import * as sharingGaps from "./2026-12-04T1000_sharing_gaps";
import * as ideaGroups from "./2026-12-04T3000_idea_groups";
import * as analyticsRollupsRankIdx from "./2026-12-05T3000_analytics_rollups_rank_idx";
import * as personItemRollups from "./2026-12-05T5000_person_item_rollups";
import * as requiredAudiences from "./2026-12-05T6000_required_audiences";
import * as cohortConversionGoal from "./2026-12-06T2000_cohort_conversion_goal";
import * as rollupYearGrain from "./2026-12-06T3000_rollup_year_grain";
import * as departmentPeople from "./2026-12-06T3010_department_people";
import * as ambassadorSharingGaps from "./2026-12-07T1000_ambassador_sharing_gaps";
import * as sharingGapsCoveringIdx from "./2026-12-07T1010_sharing_gaps_covering_idx";
import * as shareRunningTotals from "./2026-12-07T1020_share_running_totals";
import * as itemAnyNetworkRollups from "./2026-12-07T1030_item_any_network_rollups";
import * as shareRunningTotalsCoveringIdx from "./2026-12-07T2300_share_running_totals_covering_idx";
import * as onboardingFunnelIdx from "./2026-12-07T2310_onboarding_funnel_idx";

/**
 * Every migration, by name. Listed statically (rather than read from the folder at run time)
 * so the bundled server build carries them; Kysely's Migrator runs them in name order and refuses
 * a database that ran a later migration before an earlier one (its order check is kept on).
 * "T1960" is not a clock time: it was named to sort between T1950 and the next day, and renaming it
 * now would make every existing database report a missing migration, so the name stays.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-22T1600_foundation": foundation,
  "2026-11-22T1900_points": points,
  "2026-11-22T1950_tracked_links": trackedLinks,
  "2026-11-22T1960_follower_counts": followerCounts,
  "2026-11-23T1000_content": content,
  "2026-11-23T1200_guidelines": guidelines,
  "2026-11-24T0900_leaderboard": leaderboard,
  "2026-11-24T1100_share_details": shareDetails,
  "2026-11-24T1200_workshops": workshops,
  "2026-12-01T1000_session_lifetime": sessionLifetime,
  "2026-12-01T1100_durable_clicks": durableClicks,
  "2026-12-01T1101_rate_limits": rateLimits,
  "2026-12-01T1102_durable_import": durableImport,
  "2026-12-01T1300_analytics_rollups": analyticsRollups,
  "2026-12-01T1400_password_resets": passwordResets,
  "2026-12-01T1410_guideline_language_decisions": guidelineLanguageDecisions,
  "2026-12-01T1500_notifications": notifications,
  "2026-12-01T1510_jobs": jobs,
  "2026-12-01T1520_delivery": delivery,
  "2026-12-01T1600_conversations": conversations,
  "2026-12-01T1700_identity": identity,
  "2026-12-02T0300_onboarding_progress": onboardingProgress,
  "2026-12-02T0500_urgent_outcome": urgentOutcome,
  "2026-12-02T0700_people_syncs": peopleSyncs,
  "2026-12-02T0800_conversions": conversions,
  "2026-12-02T0900_idea_board": ideaBoard,
  "2026-12-02T0910_cohorts": cohorts,
  "2026-12-03T1300_channel_rollups": channelRollups,
  "2026-12-03T1400_home_queue_indexes": homeQueueIndexes,
  "2026-12-03T1500_digest_people_index": digestPeopleIndex,
  "2026-12-03T1501_alert_channel": alertChannel,
  "2026-12-03T1800_share_variants": shareVariants,
  "2026-12-03T1900_share_guardrails": shareGuardrails,
  "2026-12-03T2000_cohort_waves": cohortWaves,
  "2026-12-04T1000_sharing_gaps": sharingGaps,
  "2026-12-04T3000_idea_groups": ideaGroups,
  "2026-12-05T3000_analytics_rollups_rank_idx": analyticsRollupsRankIdx,
  "2026-12-05T5000_person_item_rollups": personItemRollups,
  "2026-12-05T6000_required_audiences": requiredAudiences,
  "2026-12-06T2000_cohort_conversion_goal": cohortConversionGoal,
  "2026-12-06T3000_rollup_year_grain": rollupYearGrain,
  "2026-12-06T3010_department_people": departmentPeople,
  "2026-12-07T1000_ambassador_sharing_gaps": ambassadorSharingGaps,
  "2026-12-07T1010_sharing_gaps_covering_idx": sharingGapsCoveringIdx,
  "2026-12-07T1020_share_running_totals": shareRunningTotals,
  "2026-12-07T1030_item_any_network_rollups": itemAnyNetworkRollups,
  "2026-12-07T2300_share_running_totals_covering_idx": shareRunningTotalsCoveringIdx,
  "2026-12-07T2310_onboarding_funnel_idx": onboardingFunnelIdx,
};
