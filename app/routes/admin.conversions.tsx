import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvRowErrors } from "~/components/conversions";
import { FormError } from "~/components/forms";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { importConversionsCsv, MAX_CSV_BYTES } from "~/models/conversions/csv.server";
import { rotateWebhookSecret, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSecretCreatedAt } from "~/models/conversions/webhook.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const [createdAt, locale, timeZone] = await Promise.all([
    webhookSecretCreatedAt(db),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
  ]);
  return json({
    endpoint: `${requestOrigin(request)}/api/conversions`,
    secretCreatedAt: createdAt === null ? null : formatDateTime(createdAt, locale, timeZone),
    headers: { signature: SIGNATURE_HEADER, timestamp: TIMESTAMP_HEADER },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "rotate") {
    const secret = await rotateWebhookSecret(db, user.id);
    // Shown in this response only; the database keeps it sealed.
    return json({ ok: true as const, secret }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent !== "upload") return invalid({ "": "validation.invalid" });
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return invalid({ file: "conversions.csv.noFile" });
  if (file.size > MAX_CSV_BYTES) return invalid({ file: "conversions.csv.tooLarge" });
  const result = await importConversionsCsv(db, await file.text(), { id: user.id, filename: file.name.slice(0, 200) });
  if (!result.ok) return invalid({ file: result.error }, "rowErrors" in result ? { rowErrors: result.rowErrors } : {});
  return json({ ok: true as const, imported: { recorded: result.recorded, duplicates: result.duplicates, rows: result.rows } });
}

export default function ConversionsAdminPage() {
  const { t } = useTranslation();
  const { endpoint, secretCreatedAt, headers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const refusal = data && !data.ok ? data : undefined;
  return (
    <>
      <h1>{t("conversions.admin.title")}</h1>
      <p className="hint">{t("conversions.admin.intro")}</p>
      <section className="card" aria-labelledby="webhook-title">
        <h2 id="webhook-title">{t("conversions.admin.webhookTitle")}</h2>
        <p>
          {t("conversions.admin.endpoint")} <code>POST {endpoint}</code>
        </p>
        <p className="hint">{t("conversions.admin.signing", { signature: headers.signature, timestamp: headers.timestamp })}</p>
        <p>{secretCreatedAt ? t("conversions.admin.secretSince", { date: secretCreatedAt }) : t("conversions.admin.noSecret")}</p>
        {data?.ok && "secret" in data ? (
          <p role="status" className="card">
            {t("conversions.admin.secretShown")} <code data-testid="webhook-secret">{data.secret}</code>
          </p>
        ) : null}
        <Form method="post">
          <button type="submit" name="intent" value="rotate">
            {secretCreatedAt ? t("conversions.admin.rotate") : t("conversions.admin.create")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="csv-title">
        <h2 id="csv-title">{t("conversions.admin.csvTitle")}</h2>
        <p className="hint">{t("conversions.admin.csvHint")}</p>
        {data?.ok && "imported" in data ? <p role="status">{t("conversions.admin.imported", { ...data.imported })}</p> : null}
        <FormError error={refusal?.errors.file ?? refusal?.errors[""]} />
        {refusal && "rowErrors" in refusal && Array.isArray(refusal.rowErrors) ? <CsvRowErrors rows={refusal.rowErrors} /> : null}
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="upload" />
          <label>
            {t("conversions.admin.file")}
            <input type="file" name="file" accept=".csv,text/csv" required />
          </label>
          <button type="submit">{t("conversions.admin.upload")}</button>
        </Form>
      </section>
    </>
  );
}
