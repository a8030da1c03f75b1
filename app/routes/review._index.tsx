import { TableWrap } from "~/components/ui/table-wrap";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contentLinks, DurationText, WaitingBadge } from "~/components/content-preview";
import { formatDateTime } from "~/models/core/dates";
import { contentDashboard, reviewQueue } from "~/models/content/review-queue.server";
import { materialiseLifecycle } from "~/models/content/items.server";
import { isOwnItem } from "~/models/content/workflow";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = contentLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "reviewer");
  const now = Date.now();
  await materialiseLifecycle(db, now);
  const [queue, dashboard, timeZone, locale] = await Promise.all([
    reviewQueue(db, now),
    contentDashboard(db, now),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  return json({
    medianApprovalMs: dashboard.medianApprovalMs,
    approvalsCounted: dashboard.approvalsCounted,
    queue: queue.map((q) => ({
      id: q.id,
      title: q.title,
      language: q.language,
      author: q.created_by_name,
      campaign: q.campaign_name,
      submittedAt: formatDateTime(q.submitted_at, locale, timeZone),
      publishAt: formatDateTime(q.publish_at, locale, timeZone),
      waitingMs: q.waitingMs,
      own: isOwnItem(q, user.id),
    })),
  });
}

export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const { queue, medianApprovalMs, approvalsCounted } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("content.review.title")}</h1>
      <section className="stat-grid" aria-label={t("content.dashboard.figures")}>
        <div className="card">
          <p className="stat-label">{t("content.dashboard.waiting")}</p>
          <p className="stat">{queue.length}</p>
          {queue.length ? (
            <p className="stat-note">
              {t("content.dashboard.oldest")} <WaitingBadge ms={queue[0].waitingMs} />
            </p>
          ) : null}
        </div>
        <div className="card">
          <p className="stat-label">{t("content.dashboard.median")}</p>
          <p className="stat">{medianApprovalMs === null ? "—" : <DurationText ms={medianApprovalMs} />}</p>
          <p className="stat-note">{t("content.dashboard.medianNote", { count: approvalsCounted })}</p>
        </div>
      </section>
      <p className="hint">{t("content.review.intro")}</p>
      {queue.length === 0 ? (
        <p className="card">{t("content.review.empty")}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("content.review.waitingColumn")}</th>
                <th scope="col">{t("content.fields.title")}</th>
                <th scope="col">{t("content.review.author")}</th>
                <th scope="col">{t("content.fields.campaign")}</th>
                <th scope="col">{t("content.fields.language")}</th>
                <th scope="col">{t("content.review.submitted")}</th>
                <th scope="col">{t("content.fields.publishAt")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr key={q.id}>
                  <td>
                    <WaitingBadge ms={q.waitingMs} />
                  </td>
                  <td>
                    <Link to={`/review/${q.id}`}>{q.title}</Link>
                    {q.own ? (
                      <>
                        {" "}
                        <span className="badge badge-muted">{t("content.review.yours")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{q.author ?? "—"}</td>
                  <td>{q.campaign ?? "—"}</td>
                  <td>{t(`content.languages.${q.language}`)}</td>
                  <td>{q.submittedAt}</td>
                  <td>{q.publishAt || t("content.preview.onApproval")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
