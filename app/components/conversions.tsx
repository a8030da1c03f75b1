import { useTranslation } from "react-i18next";

export interface PresentedConversionRow {
  key: string;
  label: string;
  uniqueClicks: string;
  conversions: string;
  rate: string;
  leads: string;
  sales: string;
  value: string;
}

/** The CSV upload's report: each refused row with what is wrong with it. */
export function CsvRowErrors({ rows }: { rows: { line: number; code: string; errors: string[] }[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("conversions.csv.reportCaption", { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("conversions.csv.line")}</th>
            <th scope="col">{t("conversions.csv.code")}</th>
            <th scope="col">{t("conversions.csv.problems")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line}>
              <td>{row.line}</td>
              <td>
                <code>{row.code}</code>
              </td>
              <td>{row.errors.map((e) => t(e)).join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const COLUMNS = ["uniqueClicks", "conversions", "rate", "leads", "sales", "value"] as const;

/** Conversions beside unique clicks for one breakdown (networks, campaigns, …). */
export function ConversionsTable({
  caption,
  rows,
  total,
}: {
  caption: string;
  rows: PresentedConversionRow[];
  total: PresentedConversionRow;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("conversions.columns.name")}</th>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(`conversions.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {COLUMNS.map((c) => (
                <td key={c}>{row[c]}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("conversions.columns.total")}</th>
            {COLUMNS.map((c) => (
              <td key={c}>{total[c]}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export interface PresentedLinkConversions {
  linkId: string;
  item: string;
  network: string;
  uniqueClicks: string;
  conversions: string;
  rate: string;
  value: string;
}

/** My shares: what each shared link brought in. */
export function MyConversionsTable({ rows }: { rows: PresentedLinkConversions[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{t("conversions.mine.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("conversions.mine.item")}</th>
            <th scope="col">{t("conversions.mine.network")}</th>
            <th scope="col">{t("conversions.columns.uniqueClicks")}</th>
            <th scope="col">{t("conversions.columns.conversions")}</th>
            <th scope="col">{t("conversions.columns.rate")}</th>
            <th scope="col">{t("conversions.columns.value")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.linkId}>
              <th scope="row">{row.item}</th>
              <td>{row.network}</td>
              <td>{row.uniqueClicks}</td>
              <td>{row.conversions}</td>
              <td>{row.rate}</td>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The analytics page's conversions: one table per breakdown that has any. */
export function ConversionsSection({
  tables,
}: {
  tables: { table: string; rows: PresentedConversionRow[]; total: PresentedConversionRow }[];
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="conversions-title" data-testid="conversions">
      <h2 id="conversions-title">{t("conversions.analytics.title")}</h2>
      <p className="hint">{t("conversions.analytics.intro")}</p>
      {tables.length === 0 ? <p>{t("conversions.analytics.empty")}</p> : null}
      {tables.map((x) => (
        <ConversionsTable key={x.table} caption={t(`conversions.analytics.tables.${x.table}`)} rows={x.rows} total={x.total} />
      ))}
    </section>
  );
}
