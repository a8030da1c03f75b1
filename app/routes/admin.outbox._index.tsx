import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOutbox } from "~/models/outbox.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json(await listOutbox(db, { page: pageParam(new URL(request.url)) }));
}

export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const { messages, hasMore, page } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("people.outboxTitle")}</h1>
      <p className="hint">{t("people.outboxIntro")}</p>
      {messages.length === 0 ? <p>{t("people.outboxEmpty")}</p> : null}
      <div className="table-wrap">
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
                <td>{new Date(m.created_at).toLocaleString(i18n.language)}</td>
                <td>{m.to_address}</td>
                <td><Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link></td>
                <td>{m.error ? <span className="badge badge-danger">{t("people.outboxFailed")}</span> : t(`people.outboxTransport.${m.transport}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pagination" aria-label={t("people.pagination")}>
        {page > 1 ? <Link to={`?page=${page - 1}`}>{t("common.previous")}</Link> : null}
        {hasMore ? <Link to={`?page=${page + 1}`}>{t("common.next")}</Link> : null}
      </nav>
    </>
  );
}
