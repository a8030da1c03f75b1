import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { formatDateTime } from "~/models/core/dates";
import type { ChallengeProgress } from "./challenges.server";
import type { Leaderboard } from "./leaderboard.server";

/** The period in words, e.g. "Week of Monday 16 Nov 2026", "November 2026", "Quarter 4 of 2026". */
export function periodCaption(t: TFunction, board: Leaderboard, locale: Locale, timeZone: string, campaignName: string | null): string {
  const date = (at: number) => formatDateTime(at, locale, timeZone, false);
  const start = board.window?.start ?? 0;
  switch (board.periodKind) {
    case "week":
      return t("leaderboard.periodLabels.week", { date: date(start) });
    case "month":
      return t("leaderboard.periodLabels.month", {
        date: new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { month: "long", year: "numeric", timeZone }).format(
          new Date(start),
        ),
      });
    case "quarter": {
      const [year, quarter] = board.periodKey.split("-Q");
      return t("leaderboard.periodLabels.quarter", { year, quarter });
    }
    case "campaign":
      return t("leaderboard.periodLabels.campaign", {
        name: campaignName ?? "",
        from: date(start),
        to: date((board.window?.end ?? 1) - 1),
      });
    default:
      return t("leaderboard.periodLabels.all");
  }
}

export function challengeView(challenge: ChallengeProgress, locale: Locale, timeZone: string) {
  return {
    id: challenge.id,
    name: challenge.name,
    goal: challenge.goal,
    goalShares: challenge.goalShares,
    shares: challenge.shares,
    participants: challenge.participants,
    progress: challenge.progress,
    state: challenge.state,
    from: formatDateTime(challenge.startsAt, locale, timeZone, false),
    to: formatDateTime(challenge.endsAt - 1, locale, timeZone, false),
  };
}

/** Week keys "2026-11-16" → short day-month labels for the chart's axis. */
export function weekLabel(start: number, locale: Locale, timeZone: string): string {
  const id = `${locale}|${timeZone}`;
  let format = weekFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { day: "numeric", month: "short", timeZone });
    weekFormats.set(id, format);
  }
  return format.format(new Date(start));
}

// Building a formatter costs far more than using one, and the chart labels a dozen weeks.
const weekFormats = new Map<string, Intl.DateTimeFormat>();
