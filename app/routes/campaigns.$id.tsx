import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChallengeProgress, LeaderboardTable, leaderboardLinks } from "~/components/leaderboard";
import { getChallenge } from "~/models/scoring/challenges.server";
import { challengeView } from "~/models/scoring/leaderboard-present.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { hasRole, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { CampaignGoals } from "~/components/campaign-results";
import { campaignResults } from "~/models/conversions/campaign-results.server";
import { presentCampaignResults } from "~/models/conversions/campaign-results-present.server";
import { getFixedT } from "~/utils/i18n";

/** A campaign's challenge: its share goal, the progress towards it and the top contributors. */
export const links = leaderboardLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [found, locale, timeZone] = await Promise.all([
    getChallenge(db, params.id ?? "", { viewerId: user.id, viewerCanSeeNames: hasRole(user, "hr", "editor", "admin"), limit: 10 }),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
  ]);
  if (!found) notFound();
  const { challenge, contributors } = found;
  const results = await campaignResults(db, challenge.id);
  // The share goal is the challenge's own progress above; these are the goals beyond it.
  const goals = results
    ? presentCampaignResults(getFixedT(locale), results, locale, timeZone).goals.filter((g) => g.metric !== "shares")
    : [];
  return json({
    goals,
    locale,
    challenge: { ...challengeView(challenge, locale, timeZone), description: challenge.description },
    board: { rows: contributors.rows, viewer: contributors.viewer, viewerInTop: contributors.viewerInTop, hasPrevious: false },
  });
}

export default function ChallengePage() {
  const { t } = useTranslation();
  const { challenge, board, locale, goals } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/leaderboard?period=campaign:${challenge.id}&metric=shares`}>{t("leaderboard.challenges.back")}</Link>
      </p>
      <h1>{challenge.name}</h1>
      <p className="hint">
        {t("leaderboard.challenges.window", { from: challenge.from, to: challenge.to })} ·{" "}
        {t(`leaderboard.challenges.state.${challenge.state}`)}
      </p>
      {challenge.description ? <p>{challenge.description}</p> : null}
      {challenge.goal ? <p>{t("leaderboard.challenges.goalText", { goal: challenge.goal })}</p> : null}
      <section className="card" aria-label={t("leaderboard.challenges.title")}>
        <ChallengeProgress challenge={challenge} locale={locale} />
        <p className="hint">{t("leaderboard.challenges.counts")}</p>
        {goals.length ? (
          <>
            <h2>{t("results.goals.title")}</h2>
            <CampaignGoals goals={goals} idPrefix={`goal-${challenge.id}`} />
          </>
        ) : null}
      </section>
      <h2>{t("leaderboard.challenges.topContributors")}</h2>
      <LeaderboardTable
        caption={t("leaderboard.challenges.topContributors")}
        metricLabel={t("leaderboard.metrics.shares")}
        locale={locale}
        {...board}
      />
    </>
  );
}
