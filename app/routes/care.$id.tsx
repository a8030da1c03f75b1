import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type * as z from "zod";
import { conversationLinks, KindBadge, ReportStatusBadge, SlaClock } from "~/components/conversations";
import { FormError, TextArea, TextInput, useValidatedForm } from "~/components/forms";
import { formatDateTime } from "~/models/core/dates";
import { claimReport, closeReport, escalateReport, getReport, listReporters, replyToReport } from "~/models/conversations/care.server";
import { caseStudyFromReport, defaultCaseStudyWorkshop, listCaseStudyWorkshops } from "~/models/conversations/case-study.server";
import { getCareSettings } from "~/models/conversations/care-settings.server";
import { listEvents } from "~/models/conversations/events.server";
import { safeHref, slaClock } from "~/models/conversations/present.server";
import { CaseStudySchema, ClaimSchema, CloseSchema, EscalateSchema, ReplySchema } from "~/models/conversations/report-schema";
import { listDepartments } from "~/models/people/departments.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export const links = conversationLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "care", "admin");
  const report = await getReport(db, params.id ?? "");
  if (!report) notFound();
  const [reporters, events, departments, workshops, defaultWorkshop, settings, locale] = await Promise.all([
    listReporters(db, report.id),
    listEvents(db, report.id),
    listDepartments(db),
    listCaseStudyWorkshops(db),
    defaultCaseStudyWorkshop(db),
    getCareSettings(db),
    resolveLocale(request, user.locale),
  ]);
  const at = (ms: number | null) => formatDateTime(ms, locale, settings.timeZone);
  return json({
    report: {
      id: report.id,
      url: safeHref(report.url),
      kind: report.kind,
      network: report.network,
      status: report.status,
      handle: report.handle,
      department: report.department_name,
      departmentId: report.department_id,
      claimedBy: report.claimer_name,
      replyNote: report.reply_note,
      answerUrl: safeHref(report.answer_url),
      caseStudy: report.case_study_at !== null,
      open: report.status === "open" || report.status === "in_progress",
      reportedAt: at(report.created_at),
      clock: slaClock(report, Date.now(), locale, settings.timeZone),
    },
    reporters: reporters.map((r) => ({
      id: r.id,
      name: r.name,
      note: r.note,
      answeredPublicly: r.answered_publicly === 1,
      at: at(r.created_at),
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      detail: e.detail,
      actor: e.actor_name,
      department: e.department_name,
      at: at(e.created_at),
    })),
    departments,
    workshops,
    defaultWorkshop,
  });
}

type Step = {
  schema: z.ZodType;
  run: (
    data: never,
    ctx: { user: Awaited<ReturnType<typeof requireRole>>; origin: string },
  ) => Promise<{ ok: true } | { ok: false; error: string }>;
  toast: string;
};

const STEPS: Record<string, Step> = {
  claim: {
    schema: ClaimSchema,
    run: (d: z.output<typeof ClaimSchema>, c) => claimReport(db, c.user, d.reportId),
    toast: "conversations.toasts.claimed",
  },
  reply: {
    schema: ReplySchema,
    run: (d: z.output<typeof ReplySchema>, c) => replyToReport(db, c.user, { ...d, origin: c.origin }),
    toast: "conversations.toasts.replied",
  },
  escalate: {
    schema: EscalateSchema,
    run: (d: z.output<typeof EscalateSchema>, c) => escalateReport(db, c.user, { ...d, origin: c.origin }),
    toast: "conversations.toasts.escalated",
  },
  resolve: {
    schema: CloseSchema,
    run: (d: z.output<typeof CloseSchema>, c) =>
      closeReport(db, c.user, { reportId: d.reportId, outcome: d.intent, note: d.note, origin: c.origin }),
    toast: "conversations.toasts.resolved",
  },
  not_actionable: {
    schema: CloseSchema,
    run: (d: z.output<typeof CloseSchema>, c) =>
      closeReport(db, c.user, { reportId: d.reportId, outcome: d.intent, note: d.note, origin: c.origin }),
    toast: "conversations.toasts.notActionable",
  },
  case_study: {
    schema: CaseStudySchema,
    run: (d: z.output<typeof CaseStudySchema>, c) => caseStudyFromReport(db, { ...d, actorId: c.user.id }),
    toast: "conversations.toasts.caseStudy",
  },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "care", "admin");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const step = Object.hasOwn(STEPS, intent) ? STEPS[intent] : undefined;
  if (!step) return invalid({ "": "validation.invalid" });
  formData.set("reportId", params.id ?? "");
  const parsed = parseFormData(step.schema, formData);
  if (!parsed.success) return invalid(parsed.errors, { intent });
  const result = await step.run(parsed.data as never, { user, origin: requestOrigin(request) });
  if (!result.ok) return invalid({ "": result.error }, { intent });
  return redirectWithToast(intent === "resolve" || intent === "not_actionable" ? "/care" : `/care/${params.id}`, { message: step.toast });
}

function ReplyForm({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation();
  const { report } = useLoaderData<typeof loader>();
  const { onSubmit, register, errorFor } = useValidatedForm(ReplySchema, {
    serverErrors: errors,
    defaultValues: { intent: "reply", reportId: report.id, note: report.replyNote ?? "", answerUrl: report.answerUrl ?? "" },
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="reportId" value={report.id} />
      <TextArea
        label={t("conversations.care.replyNote")}
        hint={t("conversations.care.replyHint")}
        rows={3}
        registration={register("note")}
        error={errorFor("note")}
      />
      <TextInput
        label={t("conversations.care.answerUrl")}
        type="url"
        inputMode="url"
        placeholder="https://"
        registration={register("answerUrl")}
        error={errorFor("answerUrl")}
      />
      <button type="submit">{t("conversations.care.sendReply")}</button>
    </Form>
  );
}

function WorkSteps({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation();
  const { report, departments } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <section className="card" aria-labelledby="work-title">
      <h2 id="work-title">{t("conversations.care.workTitle")}</h2>
      {report.claimedBy ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="claim" />
          <button type="submit" disabled={busy}>
            {t("conversations.queue.claim")}
          </button>
        </Form>
      )}
      <ReplyForm errors={errors} />
      <Form method="post">
        <input type="hidden" name="intent" value="escalate" />
        <label htmlFor="escalate-department">{t("conversations.care.escalateTo")}</label>
        <select id="escalate-department" name="departmentId" defaultValue="">
          <option value="">{t("conversations.report.choose")}</option>
          {departments
            .filter((d) => d.id !== report.departmentId)
            .map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
        </select>
        <label htmlFor="escalate-note">{t("conversations.care.escalateNote")}</label>
        <textarea id="escalate-note" name="note" rows={2} maxLength={2000} />
        <button type="submit" className="secondary" disabled={busy}>
          {t("conversations.care.escalate")}
        </button>
      </Form>
      <Form method="post">
        <label htmlFor="close-note">{t("conversations.care.closeNote")}</label>
        <textarea id="close-note" name="note" rows={2} maxLength={2000} />
        <div className="actions">
          <button type="submit" name="intent" value="resolve" disabled={busy}>
            {t("conversations.care.resolve")}
          </button>
          <button type="submit" name="intent" value="not_actionable" className="secondary" disabled={busy}>
            {t("conversations.care.notActionable")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function CaseStudyForm() {
  const { t } = useTranslation();
  const { workshops, defaultWorkshop } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="case-title">
      <h2 id="case-title">{t("conversations.care.caseTitle")}</h2>
      <p className="hint">{t("conversations.care.caseIntro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="case_study" />
        <label htmlFor="case-workshop">{t("conversations.care.caseWorkshop")}</label>
        <select id="case-workshop" name="workshopId" defaultValue={defaultWorkshop ?? ""}>
          {workshops.map((w) => (
            <option key={w.id} value={w.id}>
              {w.slug}
            </option>
          ))}
        </select>
        <label htmlFor="case-outcome">{t("conversations.care.caseOutcome")}</label>
        <select id="case-outcome" name="outcome" defaultValue="success">
          <option value="success">{t("conversations.care.outcomes.success")}</option>
          <option value="failure">{t("conversations.care.outcomes.failure")}</option>
        </select>
        <button type="submit" className="secondary">
          {t("conversations.care.makeCase")}
        </button>
      </Form>
    </section>
  );
}

export default function CareReportPage() {
  const { t } = useTranslation();
  const { report, reporters, events } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <>
      <h1>
        {t("conversations.care.title")} <KindBadge kind={report.kind} /> <ReportStatusBadge status={report.status} />
      </h1>
      <FormError error={errors?.[""]} />
      <section className="card">
        {report.url ? (
          <p className="report-url">
            <a href={report.url} target="_blank" rel="noopener noreferrer nofollow">
              {report.url}
            </a>
          </p>
        ) : null}
        <p className="hint">
          {t(`conversations.networks.${report.network}`)} · {report.reportedAt}
          {report.handle ? ` · ${report.handle}` : ""}
        </p>
        {report.open ? (
          <p>
            <SlaClock clock={report.clock} />
          </p>
        ) : null}
        {report.department ? <p>{t("conversations.queue.department", { name: report.department })}</p> : null}
        {report.claimedBy ? <p>{t("conversations.queue.claimedBy", { name: report.claimedBy })}</p> : null}
        {report.replyNote ? (
          <p className="reason">
            <strong>{t("conversations.care.replyNote")}:</strong> {report.replyNote}
          </p>
        ) : null}
        {report.answerUrl ? (
          <p className="report-url">
            <a href={report.answerUrl} target="_blank" rel="noopener noreferrer nofollow">
              {t("conversations.mine.publicAnswer")}
            </a>
          </p>
        ) : null}
        <h2>{t("conversations.care.reporters", { count: reporters.length })}</h2>
        <ul>
          {reporters.map((r) => (
            <li key={r.id}>
              {r.name} · {r.at}
              {r.answeredPublicly ? (
                <>
                  {" "}
                  · <span className="badge badge-muted">{t("conversations.care.answeredPublicly")}</span>
                </>
              ) : null}
              {r.note ? <p className="reason">{r.note}</p> : null}
            </li>
          ))}
        </ul>
      </section>
      {report.open ? <WorkSteps errors={errors} /> : null}
      {report.status === "resolved" && !report.caseStudy ? <CaseStudyForm /> : null}
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("conversations.care.history")}</h2>
        <ol className="report-events">
          {events.map((e) => (
            <li key={e.id}>
              {e.at} ·{" "}
              {t(`conversations.events.${e.kind}`, { name: e.actor ?? t("conversations.events.system"), department: e.department ?? "" })}
              {e.detail ? <span className="reason"> — {e.detail}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
