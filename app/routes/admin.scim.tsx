import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { formatDateTime } from "~/models/core/dates";
import { createScimToken, listScimTokens, revokeScimToken } from "~/models/identity/scim-tokens.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { requiredText } from "~/utils/form-fields";
import { invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export const TokenSchema = z.object({ name: requiredText(80) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const [tokens, locale, timeZone] = await Promise.all([
    listScimTokens(db),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
  ]);
  return json({
    baseUrl: `${requestOrigin(request)}/scim/v2`,
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: formatDateTime(t.created_at, locale, timeZone),
      lastUsed: t.last_used_at ? formatDateTime(t.last_used_at, locale, timeZone) : null,
      revoked: t.revoked_at !== null,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "revoke") {
    const id = formData.get("id");
    if (typeof id !== "string" || !(await revokeScimToken(db, id, user.id))) return invalid({ "": "errors.notFound" });
    return redirectWithToast("/admin/scim", { message: "identity.scim.revoked" });
  }
  if (intent !== "create") return invalid({ "": "validation.invalid" });
  const parsed = parseFormData(TokenSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  const { token } = await createScimToken(db, parsed.data.name, user.id);
  // Shown in this response only; the database keeps its hash.
  return json({ ok: true as const, token }, { headers: { "Cache-Control": "no-store" } });
}

export default function ScimTokensPage() {
  const { t } = useTranslation();
  const { tokens, baseUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serverErrors = actionData && !actionData.ok ? actionData.errors : undefined;
  const { onSubmit, register, errorFor } = useValidatedForm(TokenSchema, { serverErrors });
  return (
    <>
      <p>
        <Link to="/admin/sso">← {t("identity.sso.title")}</Link>
      </p>
      <h1>{t("identity.scim.title")}</h1>
      <p className="hint">{t("identity.scim.intro")}</p>
      <p>
        {t("identity.scim.baseUrl")} <code>{baseUrl}</code>
      </p>
      {actionData?.ok ? (
        <p role="status" className="card">
          {t("identity.scim.created")} <code>{actionData.token}</code>
        </p>
      ) : null}
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="create" />
        <TextInput label={t("identity.scim.name")} registration={register("name")} error={errorFor("name")} />
        <button type="submit">{t("identity.scim.create")}</button>
      </Form>
      <h2>{t("identity.scim.tokens")}</h2>
      {tokens.length === 0 ? <p>{t("identity.scim.none")}</p> : null}
      <TableWrap>
        <table>
          <thead>
            <tr>
              {(["name", "createdAt", "lastUsed", "status"] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`identity.scim.columns.${c}`)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t("identity.scim.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.createdAt}</td>
                <td>{token.lastUsed ?? t("identity.scim.never")}</td>
                <td>{token.revoked ? t("identity.scim.revokedStatus") : t("identity.scim.active")}</td>
                <td>
                  {token.revoked ? null : (
                    <Form method="post">
                      <input type="hidden" name="id" value={token.id} />
                      <button type="submit" name="intent" value="revoke" className="danger">
                        {t("identity.scim.revoke")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
