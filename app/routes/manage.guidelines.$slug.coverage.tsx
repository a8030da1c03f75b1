import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { guidelineLinks, VersionBadge } from "~/components/guideline";
import { formatDateTime } from "~/models/core/dates";
import { listDepartments } from "~/models/people/departments.server";
import { getDocumentBySlug, listVersions } from "~/models/guidelines/documents.server";
import { coverageByDepartment, pendingPeople } from "~/models/guidelines/coverage.server";
import { reminderState, sendGuidelineReminders, setReminderIntervalDays } from "~/models/guidelines/reminders.server";
import { MAX_REMINDER_DAYS, MIN_REMINDER_DAYS, ReminderIntervalSchema } from "~/models/guidelines/schema";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";
import { AudienceSentence } from "~/components/required-audience";
import { audienceChoices } from "~/models/onboarding/audience-choices.server";

export { ReminderIntervalSchema };
export const links = guidelineLinks;

const PENDING_SHOWN = 200;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const url = new URL(request.url);
  const [language, timeZone, allVersions, departments] = await Promise.all([
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    listVersions(db, document.id),
    listDepartments(db),
  ]);
  const versions = allVersions.filter((v) => v.status !== "draft");
  const current = versions.find((v) => v.status === "published") ?? null;
  const version = versions.find((v) => String(v.version) === url.searchParams.get("version")) ?? current;
  const department = url.searchParams.get("department") || null;
  const when = (at: number | null) => formatDateTime(at, language, timeZone);
  const title = version?.titles[language] ?? Object.values(version?.titles ?? {})[0] ?? document.slug;
  if (!version)
    return json({
      slug: document.slug,
      title,
      version: null,
      current: null,
      versions: [],
      departments,
      department,
      coverage: null,
      audience: null,
      pending: [],
      reminders: null,
    });
  const [coverage, pending, reminders, audience] = await Promise.all([
    coverageByDepartment(db, document.id, version.id),
    pendingPeople(db, { documentId: document.id, versionId: version.id, departmentId: department, limit: PENDING_SHOWN }),
    reminderState(db, document.id),
    document.required === 1 ? audienceChoices(db, "guideline", document.id) : null,
  ]);
  return json({
    slug: document.slug,
    title,
    version: { number: version.version, status: version.status },
    current: current?.version ?? null,
    versions: versions.map((v) => ({ number: v.version, status: v.status })),
    departments,
    department,
    coverage,
    audience,
    pending: pending.map((p) => ({ ...p, lastRemindedAt: when(p.lastRemindedAt) })),
    reminders: {
      intervalDays: reminders.intervalDays,
      lastSentAt: when(reminders.lastSentAt),
      nextAllowedAt: when(reminders.nextAllowedAt),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const formData = await request.formData();
  const here = `/manage/guidelines/${document.slug}/coverage`;
  const intent = formData.get("intent");
  if (intent === "remind") {
    const result = await sendGuidelineReminders(db, { documentId: document.id, actorId: user.id, origin: requestOrigin(request) });
    if (!result.ok) return invalid({ "": result.error });
    return redirectWithToast(
      here,
      result.sent
        ? { message: "guidelines.toasts.remindersSent", values: { count: result.sent } }
        : { kind: "info", message: "guidelines.toasts.nobodyPending" },
    );
  }
  if (intent === "interval") {
    const parsed = parseFormData(ReminderIntervalSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    await setReminderIntervalDays(db, parsed.data.intervalDays);
    return redirectWithToast(here, { message: "guidelines.toasts.intervalSaved", values: { count: parsed.data.intervalDays } });
  }
  return invalid({ "": "validation.invalid" });
}

function IntervalForm({ intervalDays }: { intervalDays: number }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(ReminderIntervalSchema, { serverErrors, defaultValues: { intervalDays } });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate className="inline-form">
      <TextInput
        label={t("guidelines.coverage.interval")}
        hint={t("guidelines.coverage.intervalHint", { min: MIN_REMINDER_DAYS, max: MAX_REMINDER_DAYS })}
        type="number"
        min={MIN_REMINDER_DAYS}
        max={MAX_REMINDER_DAYS}
        defaultValue={intervalDays}
        registration={register("intervalDays")}
        error={errorFor("intervalDays")}
      />
      <button type="submit" name="intent" value="interval" className="secondary">
        {t("common.save")}
      </button>
    </Form>
  );
}

export default function CoveragePage() {
  const { t, i18n } = useTranslation();
  const pct = (n: number | null) =>
    t("guidelines.percent", { value: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(n ?? 0) });
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formError = errorsOf(actionData)?.[""];
  const { coverage, version, reminders } = data;
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(version ? { version: String(version.number) } : {}), ...extra })}`;
  return (
    <>
      <p>
        <Link to="/manage/guidelines">{t("guidelines.manage.back")}</Link>
      </p>
      <h1>{t("guidelines.coverage.title", { title: data.title })}</h1>
      {!version || !coverage ? <p className="card">{t("guidelines.coverage.notPublished")}</p> : null}
      {version && coverage ? (
        <>
          <Form method="get" className="filters" aria-label={t("guidelines.coverage.filters")}>
            <div className="field">
              <label htmlFor="coverage-version">{t("guidelines.manage.version")}</label>
              <select id="coverage-version" name="version" defaultValue={version.number}>
                {data.versions.map((v) => (
                  <option key={v.number} value={v.number}>
                    {t("guidelines.versionN", { version: v.number })} ({t(`guidelines.versionStatus.${v.status}`)})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="coverage-department">{t("guidelines.coverage.department")}</label>
              <select id="coverage-department" name="department" defaultValue={data.department ?? ""}>
                <option value="">{t("guidelines.coverage.allDepartments")}</option>
                {data.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
                <option value="none">{t("guidelines.coverage.noDepartment")}</option>
              </select>
            </div>
            <button type="submit">{t("guidelines.coverage.show")}</button>
          </Form>
          <p>
            <strong>
              {t("guidelines.coverage.summary", {
                percent: pct(coverage.percent),
                acknowledged: coverage.acknowledged,
                total: coverage.total,
                version: version.number,
              })}
            </strong>{" "}
            <VersionBadge status={version.status} /> ·{" "}
            <a href={`/manage/guidelines/${data.slug}/coverage.csv${query({})}`} download>
              {t("guidelines.coverage.csv")}
            </a>
          </p>
          {data.audience ? (
            <p className="hint">
              <AudienceSentence {...data.audience} />
            </p>
          ) : null}
          <FormError error={formError} />
          <h2>{t("guidelines.coverage.byDepartment")}</h2>
          <TableWrap>
            <table className="coverage-table">
              <thead>
                <tr>
                  <th scope="col">{t("guidelines.coverage.department")}</th>
                  <th scope="col" className="number">
                    {t("guidelines.coverage.acknowledged")}
                  </th>
                  <th scope="col" className="number">
                    {t("guidelines.coverage.employees")}
                  </th>
                  <th scope="col" className="number">
                    %
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t("guidelines.coverage.progress")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {coverage.departments.map((d) => (
                  <tr key={d.departmentId ?? "none"}>
                    <th scope="row">
                      <Link to={query({ department: d.departmentId ?? "none" })}>{d.name ?? t("guidelines.coverage.noDepartment")}</Link>
                    </th>
                    <td className="number">{d.acknowledged}</td>
                    <td className="number">{d.total}</td>
                    <td className="number">{pct(d.percent)}</td>
                    <td>
                      <div className="bar" aria-hidden="true">
                        <span style={{ width: `${d.percent ?? 0}%` }} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {version.status === "published" && reminders ? (
            <section className="card" aria-labelledby="reminders-title">
              <h2 id="reminders-title">{t("guidelines.coverage.remindersTitle")}</h2>
              <p>
                {reminders.lastSentAt
                  ? t("guidelines.coverage.lastSent", { date: reminders.lastSentAt })
                  : t("guidelines.coverage.neverSent")}{" "}
                {reminders.nextAllowedAt ? t("guidelines.coverage.nextAllowed", { date: reminders.nextAllowedAt }) : null}
              </p>
              <Form method="post">
                <button type="submit" name="intent" value="remind" disabled={Boolean(reminders.nextAllowedAt) || coverage.pending === 0}>
                  {t("guidelines.coverage.remind", { count: coverage.pending })}
                </button>
              </Form>
              <div className="reminder-settings">
                <IntervalForm intervalDays={reminders.intervalDays} />
              </div>
            </section>
          ) : null}
          <h2>{t("guidelines.coverage.pendingTitle", { count: data.pending.length })}</h2>
          {data.pending.length >= PENDING_SHOWN ? (
            <p className="hint">{t("guidelines.coverage.pendingTruncated", { count: PENDING_SHOWN })}</p>
          ) : null}
          {data.pending.length === 0 ? (
            <p>{t("guidelines.coverage.nobodyPending")}</p>
          ) : (
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("guidelines.coverage.name")}</th>
                    <th scope="col">{t("guidelines.coverage.email")}</th>
                    <th scope="col">{t("guidelines.coverage.department")}</th>
                    <th scope="col">{t("guidelines.coverage.lastVersion")}</th>
                    <th scope="col">{t("guidelines.coverage.lastReminded")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pending.map((p) => (
                    <tr key={p.id}>
                      <td>{p.name}</td>
                      <td>{p.email}</td>
                      <td>{p.department ?? t("guidelines.coverage.noDepartment")}</td>
                      <td>{p.lastVersion ? t("guidelines.versionN", { version: p.lastVersion }) : t("guidelines.coverage.never")}</td>
                      <td>{p.lastRemindedAt || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      ) : null}
    </>
  );
}
