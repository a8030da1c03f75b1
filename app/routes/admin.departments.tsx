import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { createDepartment, listDepartmentsWithHeadcount } from "~/models/people/departments.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { requiredText } from "~/utils/form-fields";
import { invalid } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

const DepartmentSchema = z.object({ name: requiredText(80) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ departments: await listDepartmentsWithHeadcount(db) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const parsed = parseFormData(DepartmentSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const result = await createDepartment(db, parsed.data.name);
  if (!result.ok) return invalid({ name: "people.errors.duplicateDepartment" });
  return redirectWithToast("/admin/departments", { message: "people.departmentCreated", values: { name: parsed.data.name } });
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(DepartmentSchema, { serverErrors });
  return (
    <>
      <h1>{t("people.departmentsTitle")}</h1>
      <section className="card" aria-labelledby="new-department">
        <h2 id="new-department">{t("people.newDepartment")}</h2>
        <FormError error={serverErrors?.[""]} />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <TextInput label={t("people.departmentName")} registration={register("name")} error={errorFor("name")} />
          <button type="submit">{t("common.create")}</button>
        </Form>
      </section>
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("people.department")}</th>
              <th scope="col">{t("people.headcount")}</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{Number(d.people)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
