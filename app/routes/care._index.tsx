import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { conversationLinks, ReportHeading, SlaClock } from "~/components/conversations";
import { FormError } from "~/components/forms";
import { formatDateTime } from "~/models/core/dates";
import { claimReport, listQueue } from "~/models/conversations/care.server";
import { getCareSettings } from "~/models/conversations/care-settings.server";
import { safeHref, slaClock } from "~/models/conversations/present.server";
import { ClaimSchema } from "~/models/conversations/report-schema";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export const links = conversationLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "care", "admin");
  const [queue, settings, locale] = await Promise.all([listQueue(db), getCareSettings(db), resolveLocale(request, user.locale)]);
  const now = Date.now();
  return json({
    userId: user.id,
    targetMinutes: settings.targetMinutes,
    reports: queue.map((r) => ({
      id: r.id,
      url: safeHref(r.url),
      kind: r.kind,
      network: r.network,
      status: r.status,
      handle: r.handle,
      reporters: r.reporters_count,
      claimedBy: r.claimer_name,
      mine: r.claimed_by === user.id,
      department: r.department_name,
      reportedAt: formatDateTime(r.created_at, locale, settings.timeZone),
      clock: slaClock(r, now, locale, settings.timeZone, settings.targetMinutes),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "care", "admin");
  const parsed = parseFormData(ClaimSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const result = await claimReport(db, user, parsed.data.reportId);
  if (!result.ok) return invalid({ "": result.error });
  return redirectWithToast(`/care/${parsed.data.reportId}`, { message: "conversations.toasts.claimed" });
}

export default function CareQueuePage() {
  const { t } = useTranslation();
  const { reports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <h1>{t("conversations.queue.title")}</h1>
      <p className="hint">{t("conversations.queue.intro")}</p>
      <p>
        <Link to="/care/dashboard">{t("conversations.nav.dashboard")}</Link>
      </p>
      <FormError error={actionData?.errors?.[""]} />
      {reports.length === 0 ? <p className="card">{t("conversations.queue.empty")}</p> : null}
      <ul className="report-list">
        {reports.map((r) => (
          <li key={r.id} className="card" data-testid="queue-report">
            <ReportHeading report={r} />
            <p>
              <SlaClock clock={r.clock} />
            </p>
            <p className="hint">
              {t("conversations.queue.reporters", { count: r.reporters })}
              {r.handle ? ` · ${r.handle}` : ""}
              {r.department ? ` · ${t("conversations.queue.department", { name: r.department })}` : ""}
              {r.claimedBy ? ` · ${t("conversations.queue.claimedBy", { name: r.claimedBy })}` : ""}
            </p>
            <div className="actions">
              {r.claimedBy ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="claim" />
                  <input type="hidden" name="reportId" value={r.id} />
                  <button type="submit" disabled={navigation.state !== "idle"}>
                    {t("conversations.queue.claim")}
                  </button>
                </Form>
              )}
              <Link to={`/care/${r.id}`} className="button secondary">
                {t("conversations.queue.open")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
