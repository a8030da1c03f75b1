import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOutboxMessage } from "~/models/outbox.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const message = await getOutboxMessage(db, params.id ?? "");
  if (!message) notFound();
  return json({ message });
}

export default function OutboxMessagePage() {
  const { t, i18n } = useTranslation();
  const { message } = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to="/admin/outbox">← {t("people.outboxTitle")}</Link></p>
      <h1>{message.subject}</h1>
      <p>
        {t("people.outboxTo")}: {message.to_address} · {new Date(message.created_at).toLocaleString(i18n.language)}
      </p>
      {message.error ? <p className="form-error" role="alert">{message.error}</p> : null}
      {/* The plain-text part is shown (React escapes it), so a mail can never inject markup here. */}
      <pre className="mail" data-testid="mail-body">{message.text_body}</pre>
    </>
  );
}
