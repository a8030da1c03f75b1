import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { POINT_ACTIONS } from "#db/schema";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { getEmvRates, setEmvRates } from "~/models/sharing/amplification.server";
import { getPointScheme, updatePointScheme } from "~/models/scoring/points.server";
import { SHARE_NETWORKS } from "~/models/core/networks";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

const points = () =>
  z.coerce
    .number({ error: "validation.wholeNumber" })
    .int("validation.wholeNumber")
    .min(0, "validation.wholeNumber")
    .max(10_000, "validation.tooLarge");
const money = () => z.coerce.number({ error: "scoring.errors.amount" }).min(0, "scoring.errors.amount").max(100_000, "validation.tooLarge");

const ScoringSchema = z.object({
  share: points(),
  unique_click: points(),
  unique_click_cap: points(),
  workshop_completed: points(),
  guideline_acknowledged: points(),
  idea_accepted: points(),
  report_actionable: points(),
  conversion: points(),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, "scoring.errors.currency"),
  cpc_linkedin: money(),
  cpc_x: money(),
  cpc_facebook: money(),
  cpc_whatsapp: money(),
  cpc_email: money(),
  cpm_linkedin: money(),
  cpm_x: money(),
  cpm_facebook: money(),
  cpm_whatsapp: money(),
  cpm_email: money(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [scheme, rates] = await Promise.all([getPointScheme(db), getEmvRates(db)]);
  return json({ scheme, rates });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const parsed = parseFormData(ScoringSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const v = parsed.data;
  const nextScheme = Object.fromEntries(
    POINT_ACTIONS.map((a) => [a, { points: v[a], cap: a === "unique_click" ? v.unique_click_cap : null }]),
  ) as Awaited<ReturnType<typeof getPointScheme>>;
  await db.transaction().execute(async (trx) => {
    await updatePointScheme(trx, nextScheme, user.id);
    await setEmvRates(trx, {
      currency: v.currency,
      cpc: { linkedin: v.cpc_linkedin, x: v.cpc_x, facebook: v.cpc_facebook, whatsapp: v.cpc_whatsapp, email: v.cpc_email },
      cpm: { linkedin: v.cpm_linkedin, x: v.cpm_x, facebook: v.cpm_facebook, whatsapp: v.cpm_whatsapp, email: v.cpm_email },
    });
  });
  return redirectWithToast("/admin/scoring", { message: "scoring.saved" });
}

export default function ScoringPage() {
  const { t } = useTranslation();
  const { scheme, rates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const defaults: Record<string, string | number> = { unique_click_cap: scheme.unique_click.cap ?? 0, currency: rates.currency };
  for (const action of POINT_ACTIONS) defaults[action] = scheme[action].points;
  for (const network of SHARE_NETWORKS) {
    defaults[`cpc_${network}`] = rates.cpc[network];
    defaults[`cpm_${network}`] = rates.cpm[network];
  }
  const { onSubmit, register, errorFor } = useValidatedForm(ScoringSchema, { serverErrors, defaultValues: defaults });
  return (
    <>
      <h1>{t("scoring.title")}</h1>
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <section className="card" aria-labelledby="points-title">
          <h2 id="points-title">{t("scoring.pointsTitle")}</h2>
          <p className="hint">{t("scoring.pointsHint")}</p>
          <div className="grid">
            {POINT_ACTIONS.map((action) => (
              <TextInput
                key={action}
                label={t(`scoring.actions.${action}`)}
                type="number"
                min={0}
                registration={register(action)}
                error={errorFor(action)}
              />
            ))}
            <TextInput
              label={t("scoring.cap")}
              hint={t("scoring.capHint")}
              type="number"
              min={0}
              registration={register("unique_click_cap")}
              error={errorFor("unique_click_cap")}
            />
          </div>
        </section>
        <section className="card" aria-labelledby="emv-title">
          <h2 id="emv-title">{t("scoring.emvTitle")}</h2>
          <p className="hint">{t("scoring.emvHint")}</p>
          <TextInput label={t("scoring.currency")} maxLength={3} registration={register("currency")} error={errorFor("currency")} />
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("scoring.network")}</th>
                  <th scope="col">{t("scoring.cpc")}</th>
                  <th scope="col">{t("scoring.cpm")}</th>
                </tr>
              </thead>
              <tbody>
                {SHARE_NETWORKS.map((network) => (
                  <tr key={network}>
                    <th scope="row">{t(`scoring.networks.${network}`)}</th>
                    <td>
                      <TextInput
                        label={t("scoring.cpcFor", { network: t(`scoring.networks.${network}`) })}
                        type="number"
                        step="0.01"
                        min={0}
                        registration={register(`cpc_${network}`)}
                        error={errorFor(`cpc_${network}`)}
                      />
                    </td>
                    <td>
                      <TextInput
                        label={t("scoring.cpmFor", { network: t(`scoring.networks.${network}`) })}
                        type="number"
                        step="0.01"
                        min={0}
                        registration={register(`cpm_${network}`)}
                        error={errorFor(`cpm_${network}`)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
        <button type="submit">{t("common.save")}</button>
      </Form>
    </>
  );
}
