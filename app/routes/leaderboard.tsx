import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarTrendChart } from "~/components/charts";
import { ChallengeCard, ChallengeProgress, LeaderboardTable, leaderboardLinks } from "~/components/leaderboard";
import { campaignPeriods, getChallenge, listRunningChallenges } from "~/models/scoring/challenges.server";
import { listDepartments } from "~/models/people/departments.server";
import { cohortChoices } from "~/models/cohorts/cohorts.server";
import { getLeaderboard, getLeaderboardOptOut, getPersonalTrend, setLeaderboardOptOut } from "~/models/scoring/leaderboard.server";
import { parseBoardChoice } from "~/models/scoring/leaderboard-params";
import { PrivacySchema } from "~/models/scoring/leaderboard-privacy.server";
import { challengeView, periodCaption, weekLabel } from "~/models/scoring/leaderboard-present.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { hasRole, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export const links = leaderboardLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = Date.now();
  const canSeeNames = hasRole(user, "hr", "editor", "admin");
  const [departments, campaigns, locale, timeZone, optedOut, cohorts] = await Promise.all([
    listDepartments(db),
    campaignPeriods(db, now),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    getLeaderboardOptOut(db, user.id),
    cohortChoices(db, user, canSeeNames),
  ]);
  const choice = parseBoardChoice(new URL(request.url).searchParams, {
    campaignIds: campaigns.map((c) => c.id),
    departmentIds: departments.map((d) => d.id),
    ownDepartmentId: user.departmentId,
    anyDepartment: canSeeNames,
    cohortIds: cohorts.map((c) => c.id),
  });
  const campaignId = typeof choice.query.period === "object" ? choice.query.period.campaignId : null;
  const [board, trend, running, challenge] = await Promise.all([
    getLeaderboard(db, {
      period: choice.query.period,
      scope: { departmentId: choice.query.departmentId, cohortId: choice.query.cohortId },
      metric: choice.metric,
      viewerId: user.id,
      viewerCanSeeNames: canSeeNames,
      at: now,
    }),
    getPersonalTrend(db, user.id, 12, now),
    listRunningChallenges(db, now),
    campaignId ? getChallenge(db, campaignId, { viewerId: user.id, viewerCanSeeNames: canSeeNames, at: now }) : null,
  ]);
  if (!board) throw new Error("The leaderboard's period vanished while loading");
  const t = getFixedT(locale);
  const ownDepartment = departments.find((d) => d.id === user.departmentId) ?? null;
  const scopeName = choice.query.departmentId
    ? (departments.find((d) => d.id === choice.query.departmentId)?.name ?? "")
    : choice.query.cohortId
      ? (cohorts.find((c) => c.id === choice.query.cohortId)?.name ?? "")
      : t("leaderboard.scopes.company");
  const period = periodCaption(t, board, locale, timeZone, campaigns.find((c) => c.id === campaignId)?.name ?? null);
  return json({
    locale,
    choice: { period: choice.period, scope: choice.scope, metric: choice.metric },
    notices: choice.notices,
    caption: t("leaderboard.table.caption", { period, scope: scopeName, metric: t(`leaderboard.metrics.${choice.metric}`) }),
    board: { rows: board.rows, viewer: board.viewer, viewerInTop: board.viewerInTop, hasPrevious: board.previousKey !== null },
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
    departments: canSeeNames ? departments : [],
    ownDepartment,
    cohorts,
    challenge: challenge ? challengeView(challenge.challenge, locale, timeZone) : null,
    running: running.filter((c) => c.id !== campaignId).map((c) => challengeView(c, locale, timeZone)),
    trend: trend.map((w) => ({
      week: weekLabel(w.start, locale, timeZone),
      value: choice.metric === "points" ? w.points : choice.metric === "shares" ? w.shares : w.uniqueClicks,
    })),
    optedOut,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseFormData(PrivacySchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const hide = parsed.data.hide === "on";
  await setLeaderboardOptOut(db, user.id, hide);
  return redirectWithToast(`/leaderboard${new URL(request.url).search}`, {
    message: hide ? "leaderboard.privacy.hidden" : "leaderboard.privacy.shown",
  });
}

export default function LeaderboardPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { choice, board, locale } = data;
  const metricLabel = t(`leaderboard.metrics.${choice.metric}`);
  return (
    <>
      <h1>{t("leaderboard.title")}</h1>
      <p className="hint">{t("leaderboard.intro")}</p>
      {data.notices.map((notice) => (
        <p key={notice} className="form-error" role="status">
          {t(notice)}
        </p>
      ))}
      <Form method="get" className="filters" aria-label={t("leaderboard.filters")}>
        <div className="field">
          <label htmlFor="lb-period">{t("leaderboard.period")}</label>
          <select id="lb-period" name="period" defaultValue={choice.period} key={choice.period}>
            {(["week", "month", "quarter", "all"] as const).map((p) => (
              <option key={p} value={p}>
                {t(`leaderboard.periods.${p}`)}
              </option>
            ))}
            {data.campaigns.length ? (
              <optgroup label={t("leaderboard.periods.campaigns")}>
                {data.campaigns.map((c) => (
                  <option key={c.id} value={`campaign:${c.id}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lb-scope">{t("leaderboard.scope")}</label>
          <select id="lb-scope" name="scope" defaultValue={choice.scope} key={choice.scope}>
            <option value="company">{t("leaderboard.scopes.company")}</option>
            {data.ownDepartment ? (
              <option value={`department:${data.ownDepartment.id}`}>
                {t("leaderboard.scopes.myDepartment", { name: data.ownDepartment.name })}
              </option>
            ) : null}
            {data.departments
              .filter((d) => d.id !== data.ownDepartment?.id)
              .map((d) => (
                <option key={d.id} value={`department:${d.id}`}>
                  {t("leaderboard.scopes.department", { name: d.name })}
                </option>
              ))}
            {data.cohorts.map((c) => (
              <option key={c.id} value={`cohort:${c.id}`}>
                {t("cohorts.scope", { name: c.name })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lb-metric">{t("leaderboard.metric")}</label>
          <select id="lb-metric" name="metric" defaultValue={choice.metric} key={choice.metric}>
            {(["points", "shares", "unique_clicks"] as const).map((m) => (
              <option key={m} value={m}>
                {t(`leaderboard.metrics.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("leaderboard.show")}</button>
      </Form>

      {data.challenge ? (
        <section className="card" aria-labelledby="challenge-title">
          <h2 id="challenge-title">{data.challenge.name}</h2>
          <ChallengeProgress challenge={data.challenge} locale={locale} />
          <p className="hint">{t("leaderboard.challenges.counts")}</p>
        </section>
      ) : null}

      <LeaderboardTable caption={data.caption} metricLabel={metricLabel} locale={locale} {...board} />

      <section className="card" aria-labelledby="mine-title">
        <h2 id="mine-title">{t("leaderboard.mine.title")}</h2>
        <p>
          {board.viewer
            ? t("leaderboard.mine.ranked", {
                rank: board.viewer.rank.toLocaleString(locale),
                value: board.viewer.value.toLocaleString(locale),
                metric: metricLabel.toLowerCase(),
              })
            : t("leaderboard.mine.unranked", { metric: metricLabel.toLowerCase() })}
        </p>
        <BarTrendChart
          id="my-weeks"
          title={`${t("leaderboard.mine.trendTitle")} · ${metricLabel}`}
          xKey="week"
          xLabel={t("leaderboard.mine.week")}
          series={[{ key: "value", label: metricLabel }]}
          data={data.trend}
          tableCaption={t("leaderboard.mine.trendTable")}
        />
      </section>

      <section aria-labelledby="challenges-title">
        <h2 id="challenges-title">{t("leaderboard.challenges.title")}</h2>
        {data.running.length ? (
          <ul className="challenge-list">
            {data.running.map((c) => (
              <ChallengeCard key={c.id} challenge={c} locale={locale} />
            ))}
          </ul>
        ) : (
          <p>{t("leaderboard.challenges.none")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t("leaderboard.privacy.title")}</h2>
        <p className="hint">{t("leaderboard.privacy.hint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="privacy" />
          <label className="checkbox">
            <input type="checkbox" name="hide" defaultChecked={data.optedOut} key={String(data.optedOut)} /> {t("leaderboard.privacy.hide")}
          </label>
          <div className="actions">
            <button type="submit">{t("leaderboard.privacy.save")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
