import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { workshopLinks } from "~/components/workshop";
import { formatDateTime } from "~/models/core/dates";
import { listDepartments } from "~/models/people/departments.server";
import { type FunnelRow, onboardingDashboard, parseDashboardFilter } from "~/models/onboarding/dashboard.server";
import { getReminderIntervalDays, sendOnboardingReminders, setReminderIntervalDays } from "~/models/onboarding/reminders.server";
import { DashboardFilterSchema, ReminderIntervalSchema } from "~/models/onboarding/schema";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db, getReadDb } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export { DashboardFilterSchema, ReminderIntervalSchema };
export const links = workshopLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr", "admin");
  const url = new URL(request.url);
  const { filter, error } = parseDashboardFilter(url.searchParams);
  const [language, timeZone, departments, intervalDays] = await Promise.all([
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    listDepartments(db),
    getReminderIntervalDays(db),
  ]);
  const page = Math.max(0, Math.floor(Number(url.searchParams.get("page") ?? "1")) - 1 || 0);
  const data = await onboardingDashboard(getReadDb(), filter, language, Date.now(), page);
  const date = (at: number | null) => formatDateTime(at, language, timeZone, false);
  // Percentages are formatted here, so the browser renders exactly the server's text.
  const percent = new Intl.NumberFormat(language === "es" ? "es-ES" : "en-GB", { style: "percent", maximumFractionDigits: 0 });
  const cells = (r: FunnelRow) =>
    [r.invited, r.activated, r.guidelines, ...r.workshops, r.ambassadors].map((value) => ({
      value,
      percent: r.invited === 0 ? "—" : percent.format(value / r.invited),
    }));
  return json({
    filterError: error,
    filter: { department: filter.department, from: filter.from ?? "", to: filter.to ?? "" },
    query: url.search,
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    intervalDays,
    workshops: data.workshops,
    rows: data.rows.map((r) => ({ departmentId: r.departmentId, department: r.department, cells: cells(r), overdue: r.overdue })),
    total: { cells: cells(data.total), overdue: data.total.overdue },
    overdue: data.overdue.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      department: p.department,
      joined: date(p.joinedAt),
      due: p.dueAt === null ? "" : date(p.dueAt - 1),
      guidelinesDone: p.guidelinesDone,
      workshopsLeft: p.workshopsLeft,
      lastReminded: date(p.lastRemindedAt),
    })),
    overdueTotal: data.total.overdue,
    page: page + 1,
    pages: data.overduePages,
    previousPage: page > 0 ? pageQuery(url.searchParams, page) : null,
    nextPage: page + 1 < data.overduePages ? pageQuery(url.searchParams, page + 2) : null,
  });
}

/** The dashboard's query string for another page of overdue people (the filters kept). */
function pageQuery(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  next.set("page", String(page));
  return `?${next}`;
}

/** Intents: "remind" (the overdue people in the filter), "interval" (days between two reminders to one person). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "hr", "admin");
  const url = new URL(request.url);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "interval") {
    const parsed = parseFormData(ReminderIntervalSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    await setReminderIntervalDays(db, parsed.data.intervalDays);
    return redirectWithToast(`/hr/onboarding${url.search}`, {
      message: "onboarding.toasts.intervalSaved",
      values: { days: parsed.data.intervalDays },
    });
  }
  if (intent === "remind") {
    const { filter, error } = parseDashboardFilter(url.searchParams);
    if (error) return invalid({ "": error });
    const result = await sendOnboardingReminders(db, { filter, actorId: user.id, origin: requestOrigin(request) });
    return redirectWithToast(`/hr/onboarding${url.search}`, {
      message: "onboarding.toasts.remindersSent",
      values: { sent: result.sent, skipped: result.skipped },
      kind: result.sent ? "success" : "info",
    });
  }
  return invalid({ "": "validation.invalid" });
}

function IntervalForm({ days }: { days: number }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(ReminderIntervalSchema, {
    serverErrors,
    defaultValues: { intervalDays: days },
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="inline-form">
      <TextInput
        label={t("onboarding.dashboard.interval")}
        type="number"
        min={1}
        max={90}
        registration={register("intervalDays")}
        error={errorFor("intervalDays")}
        defaultValue={days}
      />
      <button type="submit" name="intent" value="interval" className="secondary">
        {t("onboarding.dashboard.saveInterval")}
      </button>
    </Form>
  );
}

export default function OnboardingDashboardPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formError = errorsOf(actionData)?.[""];
  return (
    <>
      <h1>{t("onboarding.dashboard.title")}</h1>
      <p>{t("onboarding.dashboard.intro")}</p>
      <FormError error={data.filterError ?? formError} />
      <Form method="get" className="inline-form card" aria-label={t("onboarding.dashboard.filters")}>
        <div className="field">
          <label htmlFor="filter-department">{t("onboarding.dashboard.department")}</label>
          <select id="filter-department" name="department" defaultValue={data.filter.department}>
            <option value="">{t("onboarding.dashboard.allDepartments")}</option>
            {data.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
            <option value="none">{t("onboarding.dashboard.noDepartment")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">{t("onboarding.dashboard.joinedFrom")}</label>
          <input id="filter-from" type="date" name="from" defaultValue={data.filter.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("onboarding.dashboard.joinedTo")}</label>
          <input id="filter-to" type="date" name="to" defaultValue={data.filter.to} />
        </div>
        <button type="submit" className="secondary">
          {t("onboarding.dashboard.apply")}
        </button>
        <a href={`/hr/onboarding.csv${data.filterError ? "" : data.query}`} className="button secondary">
          {t("onboarding.dashboard.csv")}
        </a>
      </Form>

      <section aria-labelledby="funnel-title">
        <h2 id="funnel-title">{t("onboarding.dashboard.funnel")}</h2>
        <TableWrap>
          <table data-testid="onboarding-funnel">
            <thead>
              <tr>
                <th scope="col">{t("onboarding.dashboard.department")}</th>
                <th scope="col">{t("onboarding.dashboard.invited")}</th>
                <th scope="col">{t("onboarding.dashboard.activated")}</th>
                <th scope="col">{t("onboarding.dashboard.guidelines")}</th>
                {data.workshops.map((w) => (
                  <th key={w.id} scope="col">
                    {w.title}
                  </th>
                ))}
                <th scope="col">{t("onboarding.dashboard.ambassadors")}</th>
                <th scope="col">{t("onboarding.dashboard.overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.departmentId ?? "none"}>
                  <th scope="row">{r.department ?? t("onboarding.dashboard.noDepartment")}</th>
                  {r.cells.map((c, i) => (
                    <td key={i}>
                      {c.value} <span className="hint">({c.percent})</span>
                    </td>
                  ))}
                  <td>{r.overdue}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("onboarding.dashboard.total")}</th>
                {data.total.cells.map((c, i) => (
                  <td key={i}>
                    {c.value} <span className="hint">({c.percent})</span>
                  </td>
                ))}
                <td>{data.total.overdue}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="overdue-title" className="card">
        <h2 id="overdue-title">{t("onboarding.dashboard.overdueTitle", { count: data.overdueTotal })}</h2>
        {data.overdue.length === 0 ? <p>{t("onboarding.dashboard.noneOverdue")}</p> : null}
        {data.overdue.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("onboarding.dashboard.person")}</th>
                  <th scope="col">{t("onboarding.dashboard.department")}</th>
                  <th scope="col">{t("onboarding.dashboard.joined")}</th>
                  <th scope="col">{t("onboarding.dashboard.due")}</th>
                  <th scope="col">{t("onboarding.dashboard.missing")}</th>
                  <th scope="col">{t("onboarding.dashboard.lastReminded")}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/admin/people/${p.id}`}>{p.name}</Link>
                      <br />
                      <span className="hint">{p.email}</span>
                    </td>
                    <td>{p.department ?? "—"}</td>
                    <td>{p.joined}</td>
                    <td>{p.due}</td>
                    <td>
                      {[
                        p.guidelinesDone ? null : t("onboarding.dashboard.missingGuidelines"),
                        p.workshopsLeft ? t("onboarding.dashboard.missingWorkshops", { count: p.workshopsLeft }) : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </td>
                    <td>{p.lastReminded || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
        {data.pages > 1 ? (
          <nav className="pagination" aria-label={t("onboarding.dashboard.overdueTitle", { count: data.overdueTotal })}>
            {data.previousPage ? <Link to={data.previousPage}>{t("common.previous")}</Link> : null}
            <span>{t("common.pageOf", { page: data.page, pages: data.pages })}</span>
            {data.nextPage ? <Link to={data.nextPage}>{t("common.next")}</Link> : null}
          </nav>
        ) : null}
        <Form method="post">
          <p className="hint">{t("onboarding.dashboard.remindHint", { days: data.intervalDays })}</p>
          <button type="submit" name="intent" value="remind" disabled={data.overdueTotal === 0}>
            {t("onboarding.dashboard.remind")}
          </button>
        </Form>
        <IntervalForm days={data.intervalDays} />
      </section>
    </>
  );
}
