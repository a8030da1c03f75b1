import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/ui/table-wrap";
import { INFLUENCE_PAGE_SIZE, INFLUENCE_WEIGHTS, leadersByInfluence } from "~/models/analytics/influence.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "hr", "editor", "admin");
  const page = pageParam(new URL(request.url));
  const { rows, total } = await leadersByInfluence(db, page);
  return json({
    rows,
    page,
    offset: (page - 1) * INFLUENCE_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / INFLUENCE_PAGE_SIZE)),
    weights: INFLUENCE_WEIGHTS,
  });
}

export default function LeadersPage() {
  const { t } = useTranslation();
  const { rows, page, offset, pages, weights } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("influence.title")}</h1>
      <p className="hint">{t("influence.intro")}</p>
      <p data-testid="influence-formula">
        <strong>{t("influence.formulaLabel")}</strong> {t("influence.formula", weights)}
      </p>
      {rows.length === 0 ? (
        <p>{t("influence.none")}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("influence.rank")}</th>
                <th scope="col">{t("influence.person")}</th>
                <th scope="col">{t("influence.clicksPerShare")}</th>
                <th scope="col">{t("influence.conversions")}</th>
                <th scope="col">{t("influence.acceptedIdeas")}</th>
                <th scope="col">{t("influence.broughtOnboarded")}</th>
                <th scope="col">{t("influence.actionableReports")}</th>
                <th scope="col">{t("influence.influence")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.id}>
                  <td>{offset + i + 1}</td>
                  <th scope="row">
                    {row.name}
                    {row.department ? ` (${row.department})` : ""}
                  </th>
                  <td>{t("influence.perShare", { ratio: row.clicksPerShare, clicks: row.uniqueClicks, shares: row.shares })}</td>
                  <td>{row.conversions}</td>
                  <td>{row.acceptedIdeas}</td>
                  <td>{row.broughtOnboarded}</td>
                  <td>{row.actionableReports}</td>
                  <td>
                    <strong>{row.influence}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages > 1 ? (
        <nav aria-label={t("influence.pages")}>
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("champions.group.previous")}</Link> : null}{" "}
          {t("champions.group.pageOf", { page, pages })}{" "}
          {page < pages ? <Link to={`?page=${page + 1}`}>{t("champions.group.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
