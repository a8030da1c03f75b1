import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listNotifications, markAllRead, openNotification } from "~/models/notifications/inbox.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { formatDateTime } from "~/models/core/dates";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [rows, timeZone, locale] = await Promise.all([
    listNotifications(db, user.id),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  return json({ notifications: rows.map((row) => ({ ...row, when: formatDateTime(row.createdAt, locale, timeZone) })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "readAll") {
    await markAllRead(db, user.id);
    return redirect("/notifications");
  }
  const id = form.get("id");
  if (intent !== "open" || typeof id !== "string" || id.length > 100) return invalid({ "": "notifications.errors.bad" });
  const link = await openNotification(db, user.id, id);
  if (!link) return invalid({ "": "notifications.errors.notFound" });
  return redirect(link);
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { notifications } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t("notifications.title")}</h1>
      {notifications.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <>
          <Form method="post">
            <button type="submit" name="intent" value="readAll" className="button-small secondary">
              {t("notifications.readAll")}
            </button>
          </Form>
          <ul className="notification-list" data-testid="notification-list">
            {notifications.map((n) => (
              <li key={n.id} className={n.read ? "notification read" : "notification unread"}>
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" name="intent" value="open" className="link-button">
                    {n.read ? null : <span className="visually-hidden">{t("notifications.unread")} </span>}
                    {t(`notifications.kinds.${n.kind}`, n.params)}
                  </button>{" "}
                  <span className="hint">{n.when}</span>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
