import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { conversationLinks, ReportHeading } from "~/components/conversations";
import { formatDateTime } from "~/models/core/dates";
import { safeHref } from "~/models/conversations/present.server";
import { listMyReports } from "~/models/conversations/report.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = conversationLinks;

/** The person's own reports only: the query is keyed by the signed-in person. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [reports, timeZone, locale] = await Promise.all([
    listMyReports(db, user.id),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  return json({
    reports: reports.map((r) => ({
      id: r.id,
      url: safeHref(r.url),
      kind: r.kind,
      network: r.network,
      status: r.status,
      note: r.note,
      replyNote: r.reply_note,
      answerUrl: safeHref(r.answer_url),
      others: r.reporters_count - 1,
      reportedAt: formatDateTime(r.created_at, locale, timeZone),
      answeredAt: formatDateTime(r.first_response_at, locale, timeZone),
    })),
  });
}

export default function MyReportsPage() {
  const { t } = useTranslation();
  const { reports } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("conversations.mine.title")}</h1>
      <p className="hint">{t("conversations.mine.intro")}</p>
      <p>
        <Link to="/conversations/new" className="button">
          {t("conversations.report.button")}
        </Link>
      </p>
      {reports.length === 0 ? <p className="card">{t("conversations.mine.none")}</p> : null}
      <ul className="report-list">
        {reports.map((r) => (
          <li key={r.id} id={`report-${r.id}`} className="card" data-testid="my-report">
            <ReportHeading report={r} />
            {r.note ? <p className="reason">{r.note}</p> : null}
            {r.others > 0 ? <p className="hint">{t("conversations.mine.others", { count: r.others })}</p> : null}
            {r.replyNote || r.answerUrl ? (
              <div className="notice notice-success" data-testid="care-answer">
                <p>
                  <strong>{t("conversations.mine.careAnswered", { at: r.answeredAt })}</strong>
                </p>
                {r.replyNote ? <p className="reason">{r.replyNote}</p> : null}
                {r.answerUrl ? (
                  <p className="report-url">
                    <a href={r.answerUrl} target="_blank" rel="noopener noreferrer nofollow">
                      {t("conversations.mine.publicAnswer")}
                    </a>
                  </p>
                ) : null}
                <p className="hint">{t("conversations.mine.followUp")}</p>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
