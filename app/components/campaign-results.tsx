import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/ui/table-wrap";
import type { PresentedCampaignResults } from "~/models/conversions/campaign-results-present.server";

/** One progress bar per goal the campaign has, counted over its window from the rollups. */
export function CampaignGoals({ goals, idPrefix }: { goals: PresentedCampaignResults["goals"]; idPrefix: string }) {
  const { t } = useTranslation();
  if (goals.length === 0) return <span>—</span>;
  return (
    <ul className="campaign-goals">
      {goals.map((g) => {
        const id = `${idPrefix}-${g.metric}`;
        return (
          <li key={g.metric} data-goal={g.metric}>
            <progress id={id} max={1} value={g.progress} aria-describedby={`${id}-text`} />{" "}
            <span id={`${id}-text`}>
              {t("results.goals.progress", { metric: g.label, reached: g.reached, target: g.target, percent: g.percent })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Analytics: each campaign running in the range with its budget, leads, cost per lead and goals. */
export function CampaignResultsSection({ rows, csvHref }: { rows: PresentedCampaignResults[]; csvHref: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="campaign-results-title">
      <div className="section-head">
        <h2 id="campaign-results-title">{t("results.campaigns.title")}</h2>
        <a href={csvHref} download aria-label={t("analytics.downloadLabel", { table: t("analytics.tables.campaigns") })}>
          {t("analytics.download")}
        </a>
      </div>
      <p className="hint">{t("results.campaigns.definition")}</p>
      <TableWrap>
        <table className="analytics-table" data-testid="campaign-results">
          <caption className="visually-hidden">{t("results.campaigns.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("analytics.columns.campaigns")}</th>
              <th scope="col">{t("results.campaigns.budget")}</th>
              <th scope="col">{t("results.campaigns.leads")}</th>
              <th scope="col">{t("results.campaigns.costPerLead")}</th>
              <th scope="col">{t("results.campaigns.goals")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-campaign={r.id}>
                <th scope="row">
                  {r.name}
                  <br />
                  <span className="hint">{r.window}</span>
                </th>
                <td className="numeric" data-column="budget">
                  {r.budget}
                </td>
                <td className="numeric" data-column="leads">
                  {r.leads}
                </td>
                <td className="numeric" data-column="costPerLead">
                  {r.costPerLead}
                </td>
                <td>
                  <CampaignGoals goals={r.goals} idPrefix={`goal-${r.id}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
