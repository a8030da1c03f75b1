import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { getSsoConfig, parseDomains, saveSsoSettings } from "~/models/identity/sso-config.server";
import { findUserByEmail } from "~/models/people/users.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, requestOrigin } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";

const ticked = z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean());
// Present in every submission of the page's form (a browser sends empty inputs too), so an empty or foreign body changes nothing.
const optionalText = (max: number) => z.string({ error: "validation.required" }).trim().max(max, "validation.tooLong");
const loopbackHttp = /^http:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/;

export const SsoSchema = z
  .object({
    enabled: ticked,
    issuer: optionalText(500).refine(
      (v) => v === "" || (URL.canParse(v) && (v.startsWith("https://") || loopbackHttp.test(v))),
      "identity.sso.errors.issuerUrl",
    ),
    clientId: optionalText(300),
    clientSecret: z.string().max(1000, "validation.tooLong").optional().default(""),
    clearSecret: ticked,
    allowedDomains: optionalText(2000).refine(
      (v) => parseDomains(v).every((d) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)),
      "identity.sso.errors.domains",
    ),
    departmentClaim: optionalText(100).refine((v) => v === "" || /^[A-Za-z0-9_:.\-/]+$/.test(v), "validation.invalid"),
    required: ticked,
    breakGlassEmail: optionalText(254).refine((v) => v === "" || z.email().safeParse(v).success, "validation.email"),
  })
  .superRefine((v, ctx) => {
    if (v.enabled && !v.issuer) ctx.addIssue({ code: "custom", path: ["issuer"], message: "validation.required" });
    if (v.enabled && !v.clientId) ctx.addIssue({ code: "custom", path: ["clientId"], message: "validation.required" });
    if (v.enabled && parseDomains(v.allowedDomains).length === 0)
      ctx.addIssue({ code: "custom", path: ["allowedDomains"], message: "identity.sso.errors.domainsRequired" });
    if (v.required && !v.breakGlassEmail)
      ctx.addIssue({ code: "custom", path: ["breakGlassEmail"], message: "identity.sso.errors.breakGlassRequired" });
  });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const config = await getSsoConfig(db);
  return json({
    callbackUrl: `${requestOrigin(request)}/auth/sso/callback`,
    source: config?.source ?? "settings",
    secretSource: config?.secretSource ?? "none",
    values: {
      enabled: config?.enabled ?? false,
      issuer: config?.issuer ?? "",
      clientId: config?.clientId ?? "",
      allowedDomains: config?.allowedDomains.join(", ") ?? "",
      departmentClaim: config?.departmentClaim ?? "department",
      required: config?.required ?? false,
      breakGlassEmail: config?.breakGlassEmail ?? "",
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  if ((await getSsoConfig(db))?.source === "environment") return invalid({ "": "identity.sso.errors.fromEnvironment" });
  const parsed = parseFormData(SsoSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const v = parsed.data;
  if (v.required) {
    const breakGlass = await findUserByEmail(db, v.breakGlassEmail);
    const isAdmin =
      breakGlass &&
      (await db
        .selectFrom("user_roles")
        .select("role")
        .where("user_id", "=", breakGlass.id)
        .where("role", "=", "admin")
        .executeTakeFirst());
    if (!breakGlass || breakGlass.status !== "active" || !isAdmin || !breakGlass.password_hash)
      return invalid({ breakGlassEmail: "identity.sso.errors.breakGlassAdmin" });
  }
  await saveSsoSettings(
    db,
    {
      ...v,
      allowedDomains: parseDomains(v.allowedDomains),
      departmentClaim: v.departmentClaim || "department",
      breakGlassEmail: v.breakGlassEmail ? v.breakGlassEmail.toLowerCase() : null,
    },
    user.id,
  );
  return redirectWithToast("/admin/sso", { message: "identity.sso.saved" });
}

export default function SsoSettingsPage() {
  const { t } = useTranslation();
  const { values, source, secretSource, callbackUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serverErrors = actionData && !actionData.ok ? actionData.errors : undefined;
  const { onSubmit, register, errorFor } = useValidatedForm(SsoSchema, {
    serverErrors,
    defaultValues: { ...values, clientSecret: "", clearSecret: false },
  });
  const fromEnvironment = source === "environment";
  return (
    <>
      <h1>{t("identity.sso.title")}</h1>
      <p className="hint">{t("identity.sso.intro")}</p>
      <p>
        {t("identity.sso.callback")} <code>{callbackUrl}</code>
      </p>
      <p>
        <Link to="/admin/scim">{t("identity.scim.title")}</Link> · <Link to="/admin/audit">{t("identity.audit.title")}</Link>
      </p>
      {fromEnvironment ? (
        <p role="status" className="card">
          {t("identity.sso.fromEnvironment")}
        </p>
      ) : null}
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <fieldset disabled={fromEnvironment}>
          <label className="checkbox">
            <input type="checkbox" {...register("enabled")} /> {t("identity.sso.enabled")}
          </label>
          <TextInput
            label={t("identity.sso.issuer")}
            hint={t("identity.sso.issuerHint")}
            type="url"
            registration={register("issuer")}
            error={errorFor("issuer")}
          />
          <TextInput label={t("identity.sso.clientId")} registration={register("clientId")} error={errorFor("clientId")} />
          <TextInput
            label={t("identity.sso.clientSecret")}
            hint={t(`identity.sso.secretSource.${secretSource}`)}
            type="password"
            autoComplete="off"
            registration={register("clientSecret")}
            error={errorFor("clientSecret")}
          />
          {secretSource === "stored" ? (
            <label className="checkbox">
              <input type="checkbox" {...register("clearSecret")} /> {t("identity.sso.clearSecret")}
            </label>
          ) : null}
          <TextInput
            label={t("identity.sso.allowedDomains")}
            hint={t("identity.sso.allowedDomainsHint")}
            registration={register("allowedDomains")}
            error={errorFor("allowedDomains")}
          />
          <TextInput
            label={t("identity.sso.departmentClaim")}
            registration={register("departmentClaim")}
            error={errorFor("departmentClaim")}
          />
          <label className="checkbox">
            <input type="checkbox" {...register("required")} /> {t("identity.sso.required")}
          </label>
          <TextInput
            label={t("identity.sso.breakGlassEmail")}
            hint={t("identity.sso.breakGlassHint")}
            type="email"
            registration={register("breakGlassEmail")}
            error={errorFor("breakGlassEmail")}
          />
          <button type="submit">{t("common.save")}</button>
        </fieldset>
      </Form>
    </>
  );
}
