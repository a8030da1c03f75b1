import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContentForm } from "~/components/content-form";
import { contentLinks } from "~/components/content-preview";
import { campaignOptions } from "~/models/content/campaigns.server";
import { ContentSchema, submittedValues, toContentInput } from "~/models/content/schema";
import { notifyContentStep } from "~/models/content/notify.server";
import { saveContent } from "~/models/content/save-and-submit.server";
import { urgentUsage } from "~/models/delivery/urgent-cap.server";
import { listDepartments } from "~/models/people/departments.server";
import { cohortOptions } from "~/models/cohorts/cohorts.server";
import { listDisclosures } from "~/models/sharing/guardrails.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

export { ContentSchema };
export const links = contentLinks;

/** 400 with the field errors and what was posted, so the form comes back filled in. */
const refuse = (errors: FieldErrors, formData: FormData) =>
  json({ ok: false as const, errors, values: submittedValues(formData) }, { status: 400 });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const [departments, campaigns, timeZone, language, urgent] = await Promise.all([
    listDepartments(db),
    campaignOptions(db),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
    urgentUsage(db),
  ]);
  return json({
    departments,
    cohorts: await cohortOptions(db),
    disclosures: await listDisclosures(db),
    campaigns,
    timeZone,
    language,
    urgent: { used: urgent.used, cap: urgent.cap },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const formData = await request.formData();
  const parsed = parseFormData(ContentSchema, formData);
  if (!parsed.success) return refuse(parsed.errors, formData);
  const submit = parsed.data.intent === "submit";
  const created = await saveContent(db, user, { content: toContentInput(parsed.data, await getOrganisationTimeZone(db)), submit });
  if (!created.ok) return refuse({ [created.field ?? ""]: created.error }, formData);
  if (submit) {
    await notifyContentStep(db, { itemId: created.id, action: "submit", actorId: user.id, origin: requestOrigin(request) });
    return redirectWithToast(`/manage/content/${created.id}`, { message: "content.toasts.submitted" });
  }
  return redirectWithToast(`/manage/content/${created.id}`, { message: "content.toasts.created" });
}

export default function NewContentPage() {
  const { t } = useTranslation();
  const { departments, cohorts, campaigns, timeZone, language, urgent, disclosures } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = refusalOf(actionData);
  const serverErrors = failed?.errors;
  return (
    <>
      <h1>{t("content.form.newTitle")}</h1>
      <ContentForm
        defaults={failed?.values ?? { language, departmentIds: [] }}
        departments={departments}
        cohorts={cohorts}
        campaigns={campaigns}
        timeZone={timeZone}
        serverErrors={serverErrors}
        cancelTo="/manage/content"
        urgent={urgent}
        disclosures={disclosures}
      />
    </>
  );
}
