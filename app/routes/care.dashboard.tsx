import { TableWrap } from "~/components/ui/table-wrap";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { conversationLinks } from "~/components/conversations";
import { formatDateTime } from "~/models/core/dates";
import { getCareSettings } from "~/models/conversations/care-settings.server";
import { DASHBOARD_WEEKS, DIMENSIONS, groupLabel, parseWeeks } from "~/models/conversations/dashboard-shape";
import { careDashboard, type GroupFigures } from "~/models/conversations/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = conversationLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "care", "admin");
  const weeks = parseWeeks(new URL(request.url).searchParams.get("weeks"));
  const [settings, locale] = await Promise.all([getCareSettings(db), resolveLocale(request, user.locale)]);
  const dashboard = await careDashboard(db, { weeks, timeZone: settings.timeZone });
  return json({
    weeks,
    targetMinutes: settings.targetMinutes,
    since: formatDateTime(dashboard.since, locale, settings.timeZone, false),
    dashboard,
  });
}

const minutes = (v: number | null) => (v === null ? "—" : String(v));
const share = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);

function FiguresTable({ caption, rows, label }: { caption: string; rows: GroupFigures[]; label: (key: string) => string }) {
  const { t } = useTranslation();
  return (
    <TableWrap>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("conversations.dashboard.csv.group")}</th>
            <th scope="col">{t("conversations.dashboard.reports")}</th>
            <th scope="col">{t("conversations.dashboard.firstMedian")}</th>
            <th scope="col">{t("conversations.dashboard.firstP90")}</th>
            <th scope="col">{t("conversations.dashboard.resolutionMedian")}</th>
            <th scope="col">{t("conversations.dashboard.resolutionP90")}</th>
            <th scope="col">{t("conversations.dashboard.withinTarget")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key}>
              <th scope="row">{label(g.key)}</th>
              <td>{g.reports}</td>
              <td>{minutes(g.firstResponseMedian)}</td>
              <td>{minutes(g.firstResponseP90)}</td>
              <td>{minutes(g.resolutionMedian)}</td>
              <td>{minutes(g.resolutionP90)}</td>
              <td>{share(g.withinTarget)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function CareDashboardPage() {
  const { t } = useTranslation();
  const { weeks, targetMinutes, since, dashboard } = useLoaderData<typeof loader>();
  const o = dashboard.overall;
  return (
    <>
      <h1>{t("conversations.dashboard.title")}</h1>
      <p className="hint">{t("conversations.dashboard.intro", { target: targetMinutes, since })}</p>
      <Form method="get" className="actions">
        <label htmlFor="weeks">{t("conversations.dashboard.period")}</label>
        <select id="weeks" name="weeks" defaultValue={String(weeks)}>
          {DASHBOARD_WEEKS.map((w) => (
            <option key={w} value={w}>
              {t("conversations.dashboard.weeks", { count: w })}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("conversations.dashboard.show")}
        </button>
        <Link to={`/care/dashboard.csv?weeks=${weeks}`} reloadDocument className="button secondary">
          {t("conversations.dashboard.csvExport")}
        </Link>
      </Form>
      <section className="card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t("conversations.dashboard.overall")}</h2>
        <p data-testid="overall">
          {t("conversations.dashboard.summary", {
            reports: o.reports,
            median: minutes(o.firstResponseMedian),
            p90: minutes(o.firstResponseP90),
            share: share(o.withinTarget),
            target: targetMinutes,
          })}
        </p>
        <h3>{t("conversations.dashboard.openByAge")}</h3>
        <ul>
          {dashboard.openByAge.map((b) => (
            <li key={b.bucket}>
              {t(`conversations.dashboard.ages.${b.bucket}`)}: {b.count}
            </li>
          ))}
        </ul>
      </section>
      {DIMENSIONS.map((d) => (
        <FiguresTable
          key={d}
          caption={t(`conversations.dashboard.by.${d}`)}
          rows={dashboard.groups[d]}
          label={(key) => groupLabel(t, d, key)}
        />
      ))}
    </>
  );
}
