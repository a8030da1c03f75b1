import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContentForm } from "~/components/content-form";
import { contentLinks, StatusBadge } from "~/components/content-preview";
import { campaignOptions } from "~/models/content/campaigns.server";
import { formDefaults } from "~/models/content/present.server";
import { ContentSchema, submittedValues, toContentInput } from "~/models/content/schema";
import { notifyContentStep } from "~/models/content/notify.server";
import { getContentItem } from "~/models/content/item-queries.server";
import { saveContent } from "~/models/content/save-and-submit.server";
import { EDITABLE_STATUSES, effectiveStatus } from "~/models/content/workflow";
import { urgentUsage } from "~/models/delivery/urgent-cap.server";
import { listDepartments } from "~/models/people/departments.server";
import { cohortOptions } from "~/models/cohorts/cohorts.server";
import { listDisclosures } from "~/models/sharing/guardrails.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { notFound, requestOrigin } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

export { ContentSchema };
export const links = contentLinks;

/** 400 with the field errors and what was posted, so the form comes back filled in. */
const refuse = (errors: FieldErrors, formData: FormData) =>
  json({ ok: false as const, errors, values: submittedValues(formData) }, { status: 400 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "editor");
  const item = await getContentItem(db, params.id ?? "");
  if (!item) notFound();
  const [departments, campaigns, timeZone, urgent] = await Promise.all([
    listDepartments(db),
    campaignOptions(db),
    getOrganisationTimeZone(db),
    urgentUsage(db),
  ]);
  const status = effectiveStatus(item, Date.now());
  return json({
    id: item.id,
    title: item.title,
    status,
    editable: EDITABLE_STATUSES.includes(status),
    defaults: formDefaults(item, timeZone),
    departments,
    cohorts: await cohortOptions(db),
    disclosures: await listDisclosures(db),
    campaigns,
    timeZone,
    urgent: { used: urgent.used, cap: urgent.cap },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const id = params.id ?? "";
  const formData = await request.formData();
  const parsed = parseFormData(ContentSchema, formData);
  if (!parsed.success) return refuse(parsed.errors, formData);
  const submit = parsed.data.intent === "submit";
  const updated = await saveContent(db, user, { id, content: toContentInput(parsed.data, await getOrganisationTimeZone(db)), submit });
  if (!updated.ok) {
    if (updated.error === "content.errors.notFound") notFound();
    return refuse({ [updated.field ?? ""]: updated.error }, formData);
  }
  if (submit) {
    await notifyContentStep(db, { itemId: id, action: "submit", actorId: user.id, origin: requestOrigin(request) });
    return redirectWithToast(`/manage/content/${id}`, { message: "content.toasts.submitted" });
  }
  return redirectWithToast(`/manage/content/${id}`, {
    message: updated.status === "draft" ? "content.toasts.savedDraft" : "content.toasts.saved",
  });
}

export default function EditContentPage() {
  const { t } = useTranslation();
  const { id, title, status, editable, defaults, departments, cohorts, campaigns, timeZone, urgent, disclosures } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = refusalOf(actionData);
  const serverErrors = failed?.errors;
  return (
    <>
      <p>
        <Link to={`/manage/content/${id}`}>{t("content.item.back")}</Link>
      </p>
      <h1>{t("content.form.editTitle", { title })}</h1>
      <p>
        <StatusBadge status={status} />
      </p>
      {editable ? (
        <ContentForm
          defaults={failed?.values ?? defaults}
          departments={departments}
          cohorts={cohorts}
          campaigns={campaigns}
          timeZone={timeZone}
          serverErrors={serverErrors}
          cancelTo={`/manage/content/${id}`}
          urgent={urgent}
          disclosures={disclosures}
          notice={status === "approved" || status === "published" ? t("content.item.editReopens") : undefined}
        />
      ) : (
        <p className="form-error" role="alert">
          {t(status === "in_review" ? "content.item.lockedInReview" : "content.item.locked")}
        </p>
      )}
    </>
  );
}
