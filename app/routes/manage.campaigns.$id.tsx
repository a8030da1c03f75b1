import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignForm } from "~/components/campaign-form";
import { contentLinks } from "~/components/content-preview";
import { FormError } from "~/components/forms";
import { campaignDefaults, CampaignSchema, toCampaignInput } from "~/models/content/campaign-schema";
import { deleteCampaign, getCampaign, updateCampaign } from "~/models/content/campaigns.server";
import { submittedValues } from "~/models/content/schema";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

export { CampaignSchema };
export const links = contentLinks;

/** 400 with the field errors and what was posted, so the form comes back filled in. */
const refuse = (errors: FieldErrors, formData: FormData) =>
  json({ ok: false as const, errors, values: submittedValues(formData) }, { status: 400 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "editor");
  const campaign = await getCampaign(db, params.id ?? "");
  if (!campaign) notFound();
  return json({ id: campaign.id, name: campaign.name, defaults: campaignDefaults(campaign, await getOrganisationTimeZone(db)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "editor");
  const campaign = await getCampaign(db, params.id ?? "");
  if (!campaign) notFound();
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const result = await deleteCampaign(db, campaign.id);
    if (!result.ok) return json({ ok: false as const, errors: { "": result.error }, values: null }, { status: 400 });
    return redirectWithToast("/manage/campaigns", { message: "content.toasts.campaignDeleted", values: { name: campaign.name } });
  }
  const parsed = parseFormData(CampaignSchema, formData);
  if (!parsed.success) return refuse(parsed.errors, formData);
  await updateCampaign(db, campaign.id, toCampaignInput(parsed.data, await getOrganisationTimeZone(db)));
  return redirectWithToast("/manage/campaigns", { message: "content.toasts.campaignSaved", values: { name: parsed.data.name } });
}

export default function CampaignPage() {
  const { t } = useTranslation();
  const { name, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = refusalOf(actionData);
  const serverErrors = failed?.errors;
  return (
    <>
      <p>
        <Link to="/manage/campaigns">{t("content.campaigns.back")}</Link>
      </p>
      <h1>{t("content.campaigns.editTitle", { name })}</h1>
      <section className="card">
        <CampaignForm
          defaults={failed?.values ?? defaults}
          serverErrors={serverErrors}
          submitLabel={t("common.save")}
          cancelTo="/manage/campaigns"
        />
      </section>
      <section className="card" aria-labelledby="delete-campaign">
        <h2 id="delete-campaign">{t("content.campaigns.deleteTitle")}</h2>
        <p className="hint">{t("content.campaigns.deleteHint")}</p>
        {serverErrors?.[""] ? <FormError error={serverErrors[""]} /> : null}
        <Form method="post">
          <button type="submit" name="intent" value="delete" className="danger">
            {t("content.campaigns.delete")}
          </button>
        </Form>
      </section>
    </>
  );
}
