import { TableWrap } from "~/components/ui/table-wrap";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CONTENT_STATUSES } from "#db/schema";
import { contentLinks, DurationText, StatusBadge, WaitingBadge } from "~/components/content-preview";
import { formatDateTime } from "~/models/core/dates";
import { contentDashboard } from "~/models/content/review-queue.server";
import { EditorFiltersSchema } from "~/models/content/editor-filters.server";
import { listContentItems } from "~/models/content/item-queries.server";
import { materialiseLifecycle } from "~/models/content/items.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = contentLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const url = new URL(request.url);
  const filters = EditorFiltersSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const now = Date.now();
  await materialiseLifecycle(db, now);
  const [dashboard, list, timeZone, locale] = await Promise.all([
    contentDashboard(db, now),
    listContentItems(db, { status: filters.status, query: filters.q, page: pageParam(url) }),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  return json({
    dashboard,
    filters,
    total: list.total,
    page: list.page,
    pageSize: list.pageSize,
    items: list.items.map((i) => ({
      ...i,
      publishAtText: formatDateTime(i.publish_at, locale, timeZone),
      updatedAtText: formatDateTime(i.updated_at, locale, timeZone),
    })),
  });
}

export default function ContentDashboardPage() {
  const { t } = useTranslation();
  const { dashboard, filters, items, total, page, pageSize } = useLoaderData<typeof loader>();
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const link = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(Object.entries({ ...filters, ...changes }).filter((e): e is [string, string] => Boolean(e[1])));
    return `?${params}`;
  };
  return (
    <>
      <h1>{t("content.dashboard.title")}</h1>
      <div className="actions">
        <Link className="button" to="/manage/content/new">
          {t("content.dashboard.newItem")}
        </Link>
        <Link className="button secondary" to="/manage/campaigns">
          {t("content.dashboard.campaigns")}
        </Link>
        <Link className="button secondary" to="/manage/ideas">
          {t("content.dashboard.ideas", { count: dashboard.pendingIdeas })}
        </Link>
      </div>
      <section className="stat-grid" aria-label={t("content.dashboard.figures")}>
        <div className="card">
          <p className="stat-label">{t("content.dashboard.waiting")}</p>
          <p className="stat">{dashboard.waitingCount}</p>
          {dashboard.oldestWaitingMs !== null ? (
            <p className="stat-note">
              {t("content.dashboard.oldest")} <WaitingBadge ms={dashboard.oldestWaitingMs} />
            </p>
          ) : (
            <p className="stat-note">{t("content.dashboard.nothingWaiting")}</p>
          )}
        </div>
        <div className="card">
          <p className="stat-label">{t("content.dashboard.median")}</p>
          <p className="stat">{dashboard.medianApprovalMs === null ? "—" : <DurationText ms={dashboard.medianApprovalMs} />}</p>
          <p className="stat-note">{t("content.dashboard.medianNote", { count: dashboard.approvalsCounted })}</p>
        </div>
        <div className="card">
          <p className="stat-label">{t("content.dashboard.live")}</p>
          <p className="stat">{dashboard.byStatus.published}</p>
          <p className="stat-note">{t("content.dashboard.scheduled", { count: dashboard.byStatus.approved })}</p>
        </div>
      </section>

      <nav aria-label={t("content.dashboard.byStatus")}>
        <ul className="status-tabs">
          <li>
            <Link to={link({ status: undefined, page: undefined })} aria-current={!filters.status ? "page" : undefined}>
              {t("content.dashboard.all")}
            </Link>
          </li>
          {CONTENT_STATUSES.map((s) => (
            <li key={s}>
              <Link to={link({ status: s })} aria-current={filters.status === s ? "page" : undefined}>
                {t(`content.status.${s}`)} ({dashboard.byStatus[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="filters" role="search" aria-label={t("content.dashboard.search")}>
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        <div className="field">
          <label htmlFor="q">{t("content.dashboard.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <button type="submit">{t("content.feed.apply")}</button>
      </Form>

      {items.length === 0 ? (
        <p>{t("content.dashboard.empty")}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("content.fields.title")}</th>
                <th scope="col">{t("content.dashboard.status")}</th>
                <th scope="col">{t("content.fields.language")}</th>
                <th scope="col">{t("content.fields.campaign")}</th>
                <th scope="col">{t("content.fields.publishAt")}</th>
                <th scope="col">{t("content.dashboard.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link to={`/manage/content/${item.id}`}>{item.title}</Link>
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>{t(`content.languages.${item.language}`)}</td>
                  <td>{item.campaign_name ?? "—"}</td>
                  <td>{item.publishAtText || "—"}</td>
                  <td>{item.updatedAtText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav className="pagination" aria-label={t("content.pagination")}>
        {page > 1 ? <Link to={link({ page: String(page - 1) })}>{t("common.previous")}</Link> : null}
        <span>{t("common.pageOf", { page, pages: lastPage })}</span>
        {page < lastPage ? <Link to={link({ page: String(page + 1) })}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
