import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/forms";
import { TableWrap } from "~/components/ui/table-wrap";
import { grantChampion, listChampions, parseScope, revokeChampion } from "~/models/champions/champions.server";
import { GrantSchema, RevokeSchema } from "~/models/champions/schema";
import { cohortOptions } from "~/models/cohorts/cohorts.server";
import { listDepartments } from "~/models/people/departments.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "hr");
  const [champions, cohorts, departments] = await Promise.all([listChampions(db), cohortOptions(db), listDepartments(db)]);
  return json({ champions, cohorts, departments: departments.map((d) => ({ id: d.id, name: d.name })) });
}

/** Intents: "grant" (a person champions a cohort or a department) and "revoke". */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const parsed = parseFormData(RevokeSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    if (!(await revokeChampion(db, user.id, parsed.data.championId))) return invalid({ "": "champions.errors.gone" });
    return redirectWithToast("/admin/champions", { message: "champions.toasts.revoked" });
  }
  const parsed = parseFormData(GrantSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  const [kind, ...rest] = parsed.data.scope.split(":");
  const scope = parseScope(kind, rest.join(":"));
  if (!scope) return invalid({ scope: "champions.errors.unknownScope" });
  const result = await grantChampion(db, user, parsed.data.email, scope);
  if (!result.ok) return invalid({ [result.field]: result.error });
  return redirectWithToast("/admin/champions", { message: "champions.toasts.granted" });
}

export default function ChampionsAdminPage() {
  const { t } = useTranslation();
  const { champions, cohorts, departments } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  return (
    <>
      <h1>{t("champions.admin.title")}</h1>
      <p className="hint">{t("champions.admin.intro")}</p>
      <section className="card" aria-labelledby="grant-champion">
        <h2 id="grant-champion">{t("champions.admin.grant")}</h2>
        <FormError error={errors?.[""]} />
        <Form method="post">
          <input type="hidden" name="intent" value="grant" />
          <div className="field">
            <label htmlFor="champion-email">{t("champions.admin.email")}</label>
            <input id="champion-email" name="email" type="email" autoComplete="off" />
            {errors?.email ? (
              <p className="field-error" role="alert">
                {t(errors.email)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="champion-scope">{t("champions.admin.scope")}</label>
            <select id="champion-scope" name="scope">
              <optgroup label={t("champions.admin.cohorts")}>
                {cohorts.map((c) => (
                  <option key={c.id} value={`cohort:${c.id}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("champions.admin.departments")}>
                {departments.map((d) => (
                  <option key={d.id} value={`department:${d.id}`}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            </select>
            {errors?.scope ? (
              <p className="field-error" role="alert">
                {t(errors.scope)}
              </p>
            ) : null}
          </div>
          <button type="submit">{t("champions.admin.grantButton")}</button>
        </Form>
      </section>
      {champions.length === 0 ? (
        <p>{t("champions.admin.none")}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("champions.admin.person")}</th>
                <th scope="col">{t("champions.admin.scope")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("champions.admin.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {champions.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.name} ({c.email})
                  </td>
                  <td>{c.cohort_name ?? c.department_name}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="championId" value={c.id} />
                      <button type="submit" className="secondary">
                        {t("champions.admin.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
