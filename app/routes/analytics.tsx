import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AmplificationTable } from "~/components/analytics";
import { TrendChart } from "~/components/charts";
import { ConversionsSection } from "~/components/conversions";
import { presentConversionTables } from "~/models/conversions/present.server";
import { CampaignResultsSection } from "~/components/campaign-results";
import { campaignResultsIn } from "~/models/conversions/campaign-results.server";
import { presentCampaignResults } from "~/models/conversions/campaign-results-present.server";
import { leaderboardLinks } from "~/components/leaderboard";
import { getEmvRates } from "~/models/sharing/amplification.server";
import { ANALYTICS_TABLES } from "~/models/analytics/queries.server";
import { analyticsParticipation, analyticsTable, cohortFromQuery } from "~/models/analytics/cohort-analytics.server";
import { cohortOptions } from "~/models/cohorts/cohorts.server";
import { trend } from "~/models/analytics/trend.server";
import { parseRange, presentRow, trendLabel } from "~/models/analytics/present.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { readEnv } from "~/utils/env.server";
import { sharesByChannel } from "~/models/notifications/channels.server";
import { requireRole } from "~/utils/auth.server";
import { db, getReadDb } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

export const links = leaderboardLinks;

/** Items and people can be many: the page shows the top ones, the CSV all. */
const TOP_ROWS = 50;
const isLong = (table: string) => table === "items" || table === "people";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const [locale, timeZone, rates] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db), getEmvRates(db)]);
  const params = new URL(request.url).searchParams;
  const choice = parseRange(params, timeZone);
  const [{ cohort, notices: cohortNotices }, cohorts] = await Promise.all([cohortFromQuery(db, params.get("cohort")), cohortOptions(db)]);
  const cohortId = cohort?.id;
  const t = getFixedT(locale);
  const read = getReadDb();
  // Channels, conversions and campaign budgets have no per-person rollups: not shown for a cohort.
  const [tables, taking, over, channels, conversions] = await Promise.all([
    Promise.all(
      ANALYTICS_TABLES.map((table) =>
        analyticsTable(read, table, choice.range, { timeZone, limit: isLong(table) ? TOP_ROWS : undefined, cohortId }),
      ),
    ),
    analyticsParticipation(read, choice.range, timeZone, cohortId),
    trend(read, choice.range, timeZone, { cohortId }),
    cohortId ? null : sharesByChannel(read, choice.range),
    cohortId ? null : presentConversionTables(read, t, choice.range, { locale, currency: rates.currency, timeZone, limit: TOP_ROWS }),
  ]);
  const campaignResults = cohortId
    ? null
    : (await campaignResultsIn(read, choice.range, { timeZone })).map((r) => presentCampaignResults(t, r, locale, timeZone));
  const present = ANALYTICS_TABLES.map((table, i) => ({
    table,
    rows: tables[i].rows.map((r) => presentRow(t, table, r, locale, rates.currency)),
    more: tables[i].more,
    total: presentRow(t, table, tables[i].total, locale, rates.currency),
  }));
  return json({
    from: choice.from,
    to: choice.to,
    notices: [...choice.notices, ...cohortNotices],
    cohort,
    cohorts,
    summary: present[1].total,
    participation: {
      ...taking,
      percent:
        taking.rate === null
          ? "—"
          : new Intl.NumberFormat(locale === "es" ? "es-ES" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(taking.rate),
    },
    tables: present,
    uniquePerNetwork: readEnv().UNIQUE_CLICKS_PER_NETWORK,
    channels,
    conversions,
    campaignResults,
    trend: {
      granularity: over.granularity,
      points: over.points.map((p) => ({
        label: trendLabel(p.start, over.granularity, locale, timeZone),
        shares: p.shares,
        clicks: p.clicks,
        uniqueClicks: p.uniqueClicks,
        ambassadors: p.ambassadors,
      })),
    },
  });
}

export default function AnalyticsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const csv = (table: string) =>
    `/analytics.csv?${new URLSearchParams({ table, from: data.from, to: data.to, ...(data.cohort ? { cohort: data.cohort.id } : {}) })}`;
  return (
    <>
      <h1>{t("analytics.title")}</h1>
      <p className="hint">{t("analytics.intro")}</p>
      {data.notices.map((notice) => (
        <p key={notice} className="form-error" role="status">
          {t(notice)}
        </p>
      ))}
      <Form method="get" className="filters" aria-label={t("analytics.range")}>
        <div className="field">
          <label htmlFor="an-from">{t("analytics.from")}</label>
          <input id="an-from" name="from" type="date" defaultValue={data.from} key={data.from} />
        </div>
        <div className="field">
          <label htmlFor="an-to">{t("analytics.to")}</label>
          <input id="an-to" name="to" type="date" defaultValue={data.to} key={data.to} />
        </div>
        <div className="field">
          <label htmlFor="an-cohort">{t("analytics.filter.cohort")}</label>
          <select id="an-cohort" name="cohort" defaultValue={data.cohort?.id ?? ""} key={data.cohort?.id ?? ""}>
            <option value="">{t("analytics.filter.everyone")}</option>
            {data.cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("analytics.show")}</button>
      </Form>
      {data.cohort ? (
        <p className="card" role="status" data-testid="cohort-filter">
          {t("analytics.filter.cohortShown", { name: data.cohort.name, people: data.cohort.people })} {t("analytics.filter.cohortNotSplit")}
        </p>
      ) : null}

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t("analytics.summary.title")}</h2>
        <dl className="grid">
          {(["shares", "clicks", "uniqueClicks", "reach", "ctr", "emv"] as const).map((key) => (
            <div key={key}>
              <dt>{t(`analytics.summary.${key}`)}</dt>
              <dd className="stat">{data.summary[key]}</dd>
            </div>
          ))}
          <div>
            <dt>{t("analytics.summary.participation")}</dt>
            <dd className="stat">{data.participation.percent}</dd>
          </div>
        </dl>
        <p>
          {t("analytics.summary.participationText", {
            ambassadors: data.participation.ambassadors,
            onboarded: data.participation.onboarded,
            percent: data.participation.percent,
          })}
        </p>
      </section>

      {data.channels ? (
        <section className="card" aria-labelledby="channels-title">
          <h2 id="channels-title">{t("notifications.channels.title")}</h2>
          <table data-testid="shares-by-channel">
            <caption className="visually-hidden">{t("notifications.channels.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("notifications.channels.channel")}</th>
                <th scope="col">{t("notifications.channels.shares")}</th>
              </tr>
            </thead>
            <tbody>
              {data.channels.map((row) => (
                <tr key={row.channel} data-channel={row.channel}>
                  <th scope="row">{t(`notifications.channels.${row.channel}`)}</th>
                  <td>{row.shares}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t("notifications.channels.definition")}</p>
        </section>
      ) : null}

      <section aria-labelledby="trend-title">
        <div className="section-head">
          <h2 id="trend-title">{t("analytics.tables.trend")}</h2>
          <a href={csv("trend")} download aria-label={t("analytics.downloadLabel", { table: t("analytics.tables.trend") })}>
            {t("analytics.download")}
          </a>
        </div>
        <TrendChart
          id="analytics-trend"
          title={t("analytics.trend.title")}
          xKey="label"
          xLabel={t(`analytics.trend.${data.trend.granularity}`)}
          series={[
            { key: "shares", label: t("analytics.columns.shares") },
            { key: "clicks", label: t("analytics.columns.clicks") },
            { key: "uniqueClicks", label: t("analytics.columns.uniqueClicks") },
            { key: "ambassadors", label: t("analytics.columns.ambassadors") },
          ]}
          data={data.trend.points}
          tableCaption={t("analytics.trend.table")}
        />
      </section>

      {data.tables.map((table) => (
        <section key={table.table} aria-labelledby={`table-${table.table}`}>
          <div className="section-head">
            <h2 id={`table-${table.table}`}>{t(`analytics.tables.${table.table}`)}</h2>
            <a href={csv(table.table)} download aria-label={t("analytics.downloadLabel", { table: t(`analytics.tables.${table.table}`) })}>
              {t("analytics.download")}
            </a>
          </div>
          {table.more ? (
            <p className="hint">
              {t(table.table === "people" ? "analytics.topPeople" : "analytics.topItems", { count: table.rows.length })}
            </p>
          ) : null}
          <AmplificationTable table={table.table} rows={table.rows} total={table.total} caption={t(`analytics.tables.${table.table}`)} />
        </section>
      ))}

      {data.conversions ? <ConversionsSection tables={data.conversions} /> : null}

      {data.campaignResults ? <CampaignResultsSection rows={data.campaignResults} csvHref={csv("campaigns")} /> : null}

      <section className="card" aria-labelledby="definitions-title">
        <h2 id="definitions-title">{t("analytics.definitions.title")}</h2>
        <p className="hint">{t("analytics.definitions.text", { perNetwork: data.uniquePerNetwork })}</p>
      </section>
    </>
  );
}
