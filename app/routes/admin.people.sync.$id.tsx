import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RowErrorsTable } from "~/components/people-upload";
import { deliverMailSoon } from "~/runtime/mail-dispatcher.server";
import { applyPeopleSync, getPeopleSync } from "~/models/people/sync-apply.server";
import { needsMassConfirmation, type SyncPlan } from "~/models/people/sync-plan.server";
import { FormError } from "~/components/forms";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

/** The preview shows at most this many people per list (the counts are always whole). */
const SHOWN = 500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "hr");
  const sync = await getPeopleSync(db, params.id ?? "");
  if (!sync) notFound();
  const { plan } = sync;
  const shown = <T,>(list: T[]) => list.slice(0, SHOWN);
  return json({
    id: sync.id,
    status: sync.status,
    filename: plan.filename,
    wholeCompany: plan.wholeCompany,
    counts: {
      creates: plan.creates.length,
      updates: plan.updates.length,
      reactivations: plan.reactivations.length,
      deactivations: plan.deactivations.length,
      kept: plan.kept.length,
      unchanged: plan.unchanged,
      rejected: plan.rowErrors.length,
      current: plan.currentPeople,
    },
    massConfirmation: needsMassConfirmation(plan),
    maxPercent: plan.maxDeactivationPercent,
    creates: shown(plan.creates),
    updates: shown(plan.updates),
    reactivations: shown(plan.reactivations),
    deactivations: shown(plan.deactivations),
    kept: shown(plan.kept),
    rowErrors: shown(plan.rowErrors),
    departmentsToCreate: plan.departmentsToCreate,
  });
}

const REFUSALS = {
  "not-found": "peopleSync.errors.notFound",
  "already-done": "peopleSync.errors.alreadyDone",
  "people-changed": "peopleSync.errors.peopleChanged",
  "confirmation-needed": "peopleSync.errors.confirmationNeeded",
  "last-admin": "people.errors.lastAdmin",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const sync = await getPeopleSync(db, params.id ?? "");
  if (!sync) notFound();
  const formData = await request.formData();
  if (formData.get("intent") !== "apply") return invalid({ "": "validation.invalid" });
  const typed = String(formData.get("confirmDeactivations") ?? "").trim();
  const result = await applyPeopleSync(db, sync.id, {
    actorId: user.id,
    origin: requestOrigin(request),
    locale: await resolveLocale(request, user.locale),
    confirmedDeactivations: /^\d{1,6}$/.test(typed) ? Number(typed) : null,
  });
  if (!result.ok) {
    const field = result.reason === "confirmation-needed" ? "confirmDeactivations" : "";
    return invalid({ [field]: REFUSALS[result.reason] });
  }
  void deliverMailSoon();
  return redirectWithToast(`/admin/people/sync/${sync.id}`, { message: "peopleSync.applied" });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function PeopleList({ title, people, total }: { title: string; people: { email: string; name: string }[]; total: number }) {
  const { t } = useTranslation();
  if (!total) return null;
  return (
    <section aria-label={title}>
      <h2>
        {title} ({total})
      </h2>
      <ul>
        {people.map((p) => (
          <li key={p.email}>
            {p.name} &lt;{p.email}&gt;
          </li>
        ))}
      </ul>
      {total > people.length ? <p className="hint">{t("peopleSync.more", { count: total - people.length })}</p> : null}
    </section>
  );
}

function describe(details: SyncPlan["updates"][number]["after"]) {
  return [details.name, details.departmentName ?? "—", details.roles.join(", "), details.locale ?? "—"].join(" · ");
}

function Updates({ data }: { data: Loaded }) {
  const { t } = useTranslation();
  if (!data.counts.updates) return null;
  return (
    <section aria-label={t("peopleSync.toUpdate")}>
      <h2>
        {t("peopleSync.toUpdate")} ({data.counts.updates})
      </h2>
      <ul>
        {data.updates.map((u) => (
          <li key={u.userId}>
            {u.email}: {describe(u.before)} → {describe(u.after)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConfirmForm({ data }: { data: Loaded }) {
  const { t } = useTranslation();
  const errors = errorsOf(useActionData<typeof action>());
  if (data.status !== "previewed") return null;
  return (
    <Form method="post" className="card">
      <FormError error={errors?.[""]} />
      {data.massConfirmation ? (
        <p>
          <label htmlFor="confirmDeactivations">
            {t("peopleSync.massWarning", { count: data.counts.deactivations, total: data.counts.current, percent: data.maxPercent })}
          </label>
          <input
            id="confirmDeactivations"
            name="confirmDeactivations"
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={errors?.confirmDeactivations ? true : undefined}
          />
          {errors?.confirmDeactivations ? (
            <span className="form-error" role="alert">
              {t(errors.confirmDeactivations)}
            </span>
          ) : null}
        </p>
      ) : null}
      <button type="submit" name="intent" value="apply">
        {t("peopleSync.apply")}
      </button>
    </Form>
  );
}

export default function PeopleSyncPreviewPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { counts } = data;
  return (
    <>
      <p>
        <Link to="/admin/people/sync">← {t("peopleSync.title")}</Link>
      </p>
      <h1>{t("peopleSync.previewTitle", { filename: data.filename })}</h1>
      <section className="card" aria-live="polite">
        <p>
          <strong data-testid="sync-status">{t(`peopleSync.status.${data.status}`)}</strong>
        </p>
        <p data-testid="sync-summary">{t("peopleSync.summary", counts)}</p>
        {data.departmentsToCreate.length ? <p>{t("peopleSync.newDepartments", { names: data.departmentsToCreate.join(", ") })}</p> : null}
        {data.wholeCompany ? null : <p className="hint">{t("peopleSync.notWholeCompany")}</p>}
      </section>
      <ConfirmForm data={data} />
      <PeopleList title={t("peopleSync.toCreate")} people={data.creates} total={counts.creates} />
      <Updates data={data} />
      <PeopleList title={t("peopleSync.toReactivate")} people={data.reactivations} total={counts.reactivations} />
      <PeopleList title={t("peopleSync.toDeactivate")} people={data.deactivations} total={counts.deactivations} />
      <PeopleList title={t("peopleSync.kept")} people={data.kept} total={counts.kept} />
      <RowErrorsTable id="sync-errors-title" rows={data.rowErrors} />
    </>
  );
}
