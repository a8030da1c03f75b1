import { TableWrap } from "~/components/ui/table-wrap";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PresentedSharedLink } from "~/models/sharing/present.server";
import leaderboardStylesUrl from "~/styles/leaderboard.css";
import sharingStylesUrl from "~/styles/sharing.css";

/** The share dialog's and the tables' styles: add to the `links` of a route that shows them. */
export const sharingLinks = () => [
  { rel: "stylesheet", href: leaderboardStylesUrl },
  { rel: "stylesheet", href: sharingStylesUrl },
];

/** A person's shares with their results; `withItem` adds the item column (the "My shares" page). */
export function SharedLinksTable({ rows, withItem, caption }: { rows: PresentedSharedLink[]; withItem: boolean; caption: string }) {
  const { t } = useTranslation();
  const columns = ["shares", "lastShared", "clicks", "uniqueClicks", "reach", "ctr", "emv", "points"] as const;
  return (
    <TableWrap>
      <table className="analytics-table shared-links stack">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {withItem ? <th scope="col">{t("sharing.mine.columns.item")}</th> : null}
            <th scope="col">{t("sharing.mine.columns.network")}</th>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {t(`sharing.mine.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-network={r.network}>
              {withItem ? (
                <th scope="row">
                  <Link to={`/feed/${r.itemId}`}>{r.itemTitle}</Link>
                </th>
              ) : null}
              {withItem ? (
                <td data-label={t("sharing.mine.columns.network")}>{t(`scoring.networks.${r.network}`)}</td>
              ) : (
                <th scope="row">{t(`scoring.networks.${r.network}`)}</th>
              )}
              {columns.map((c) => (
                <td
                  key={c}
                  className={c === "lastShared" ? undefined : "numeric"}
                  data-column={c}
                  data-label={t(`sharing.mine.columns.${c}`)}
                >
                  {r[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
