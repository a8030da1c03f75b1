import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CampaignForm } from "~/components/campaign-form";
import { contentLinks } from "~/components/content-preview";
import { CampaignSchema, toCampaignInput } from "~/models/content/campaign-schema";
import { createCampaign, listCampaigns } from "~/models/content/campaigns.server";
import { formatDateTime } from "~/models/core/dates";
import { submittedValues } from "~/models/content/schema";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData, type FieldErrors } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

export { CampaignSchema };
export const links = contentLinks;

/** 400 with the field errors and what was posted, so the form comes back filled in. */
const refuse = (errors: FieldErrors, formData: FormData) =>
  json({ ok: false as const, errors, values: submittedValues(formData) }, { status: 400 });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const [campaigns, timeZone, locale] = await Promise.all([
    listCampaigns(db),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  const now = Date.now();
  return json({
    campaigns: campaigns.map((c) => ({
      id: c.id,
      name: c.name,
      goal: c.goal,
      goalShares: c.goal_shares,
      items: Number(c.items),
      startsOn: formatDateTime(c.starts_at, locale, timeZone, false),
      endsOn: formatDateTime(c.ends_at - 1, locale, timeZone, false),
      phase: now < c.starts_at ? "upcoming" : now < c.ends_at ? "running" : "finished",
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const formData = await request.formData();
  const parsed = parseFormData(CampaignSchema, formData);
  if (!parsed.success) return refuse(parsed.errors, formData);
  await createCampaign(db, user.id, toCampaignInput(parsed.data, await getOrganisationTimeZone(db)));
  return redirectWithToast("/manage/campaigns", { message: "content.toasts.campaignCreated", values: { name: parsed.data.name } });
}

export default function CampaignsPage() {
  const { t } = useTranslation();
  const { campaigns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = refusalOf(actionData);
  return (
    <>
      <p>
        <Link to="/manage/content">{t("content.backToDashboard")}</Link>
      </p>
      <h1>{t("content.campaigns.title")}</h1>
      {campaigns.length === 0 ? (
        <p>{t("content.campaigns.none")}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("content.campaigns.name")}</th>
                <th scope="col">{t("content.campaigns.dates")}</th>
                <th scope="col">{t("content.campaigns.goal")}</th>
                <th scope="col">{t("content.campaigns.items")}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/manage/campaigns/${c.id}`}>{c.name}</Link>{" "}
                    <span className={`badge ${c.phase === "running" ? "badge-success" : "badge-muted"}`}>
                      {t(`content.campaigns.phases.${c.phase}`)}
                    </span>
                  </td>
                  <td>{t("content.campaigns.range", { from: c.startsOn, to: c.endsOn })}</td>
                  <td>
                    {c.goal ?? "—"}
                    {c.goalShares ? <p className="hint">{t("content.campaigns.goalSharesValue", { count: c.goalShares })}</p> : null}
                  </td>
                  <td>{c.items}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <section className="card" aria-labelledby="new-campaign">
        <h2 id="new-campaign">{t("content.campaigns.new")}</h2>
        <CampaignForm defaults={failed?.values} serverErrors={failed?.errors} submitLabel={t("common.create")} />
      </section>
    </>
  );
}
