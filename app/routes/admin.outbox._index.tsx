import { TableWrap } from "~/components/ui/table-wrap";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/models/core/dates";
import { listOutbox } from "~/models/outbox.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const [outbox, locale, timeZone] = await Promise.all([
    listOutbox(db, { page: pageParam(new URL(request.url)) }),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
  ]);
  // Dates are written on the server, in the organisation's time zone, so the browser hydrates the same text.
  return json({ ...outbox, messages: outbox.messages.map((m) => ({ ...m, sentAt: formatDateTime(m.created_at, locale, timeZone) })) });
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const { messages, hasMore, page } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("people.outboxTitle")}</h1>
      <p className="hint">{t("people.outboxIntro")}</p>
      {messages.length === 0 ? <p>{t("people.outboxEmpty")}</p> : null}
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("people.outboxDate")}</th>
              <th scope="col">{t("people.outboxTo")}</th>
              <th scope="col">{t("people.outboxSubject")}</th>
              <th scope="col">{t("people.outboxDelivery")}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{m.sentAt}</td>
                <td>{m.to_address}</td>
                <td>
                  <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td>
                  {m.error ? (
                    <span className="badge badge-danger">{t("people.outboxFailed")}</span>
                  ) : (
                    t(`people.outboxTransport.${m.transport}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <nav className="pagination" aria-label={t("people.pagination")}>
        {page > 1 ? <Link to={`?page=${page - 1}`}>{t("common.previous")}</Link> : null}
        {hasMore ? <Link to={`?page=${page + 1}`}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
