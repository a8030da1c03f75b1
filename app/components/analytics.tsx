import { TableWrap } from "~/components/ui/table-wrap";
import { useTranslation } from "react-i18next";

export interface PresentedRow {
  key: string;
  label: string;
  shares: string;
  clicks: string;
  uniqueClicks: string;
  reach: string;
  ctr: string;
  emv: string;
  ambassadors: string | null;
  people: string | null;
  participation: string | null;
}

/** One amplification table; numbers come formatted from the server. */
export function AmplificationTable({
  table,
  rows,
  total,
  caption,
}: {
  table: string;
  rows: PresentedRow[];
  total: PresentedRow;
  caption: string;
}) {
  const { t } = useTranslation();
  const departments = table === "departments";
  if (rows.length === 0) return <p>{t("analytics.empty")}</p>;
  const cells = (r: PresentedRow) => (
    <>
      <td className="numeric">{r.shares}</td>
      <td className="numeric">{r.clicks}</td>
      <td className="numeric">{r.uniqueClicks}</td>
      <td className="numeric">{r.reach}</td>
      <td className="numeric">{r.ctr}</td>
      <td className="numeric">{r.emv}</td>
      {departments ? (
        <>
          <td className="numeric">{r.ambassadors ?? ""}</td>
          <td className="numeric">{r.people ?? ""}</td>
          <td className="numeric">{r.participation ?? ""}</td>
        </>
      ) : null}
    </>
  );
  return (
    <TableWrap>
      <table className="analytics-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {/* "people" already names the onboarded-people column; the people table's first column is "person". */}
            <th scope="col">{t(`analytics.columns.${table === "people" ? "person" : table}`)}</th>
            <th scope="col">{t("analytics.columns.shares")}</th>
            <th scope="col">{t("analytics.columns.clicks")}</th>
            <th scope="col">{t("analytics.columns.uniqueClicks")}</th>
            <th scope="col">{t("analytics.columns.reach")}</th>
            <th scope="col">{t("analytics.columns.ctr")}</th>
            <th scope="col">{t("analytics.columns.emv")}</th>
            {departments ? (
              <>
                <th scope="col">{t("analytics.columns.ambassadors")}</th>
                <th scope="col">{t("analytics.columns.people")}</th>
                <th scope="col">{t("analytics.columns.participation")}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {cells(r)}
            </tr>
          ))}
        </tbody>
        {departments ? null : (
          <tfoot>
            <tr>
              <th scope="row">{t("analytics.total")}</th>
              {cells(total)}
            </tr>
          </tfoot>
        )}
      </table>
    </TableWrap>
  );
}
