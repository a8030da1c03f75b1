import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/models/core/dates";
import { getOutboxMessage } from "~/models/outbox.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const message = await getOutboxMessage(db, params.id ?? "");
  if (!message) notFound();
  const [locale, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  return json({ message, sentAt: formatDateTime(message.created_at, locale, timeZone) });
}

export default function OutboxMessagePage() {
  const { t } = useTranslation();
  const { message, sentAt } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/admin/outbox">← {t("people.outboxTitle")}</Link>
      </p>
      <h1>{message.subject}</h1>
      <p>
        {t("people.outboxTo")}: {message.to_address} · {sentAt}
      </p>
      {message.error ? (
        <p className="form-error" role="alert">
          {message.error}
        </p>
      ) : null}
      {/* The plain-text part is shown (React escapes it), so a mail can never inject markup here. */}
      <pre className="mail" data-testid="mail-body">
        {message.text_body}
      </pre>
    </>
  );
}
