import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { ROLES } from "#db/schema";
import { CheckboxGroup, FormError, Select, TextInput, useValidatedForm } from "~/components/forms";
import { departmentExists, listDepartments } from "~/models/people/departments.server";
import { invitePerson } from "~/models/people/invitations.server";
import { assignableRoles, canAssign } from "~/models/people/permissions";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { checkboxList, emailField, optionalId, requiredText } from "~/utils/form-fields";
import { invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

const InviteSchema = z.object({
  email: emailField(),
  name: requiredText(120),
  departmentId: optionalId(),
  roles: checkboxList(z.enum(ROLES, { error: "validation.invalid" })).pipe(z.array(z.enum(ROLES)).min(1, "people.errors.noRole")),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  return json({ departments: await listDepartments(db), roles: assignableRoles(user.roles) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const parsed = parseFormData(InviteSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const { email, name, departmentId, roles } = parsed.data;
  if (!canAssign(user.roles, roles)) return invalid({ roles: "people.errors.roleNotAllowed" });
  if (departmentId && !(await departmentExists(db, departmentId))) return invalid({ departmentId: "people.errors.unknownDepartment" });
  const result = await invitePerson(db, {
    email,
    name,
    departmentId,
    roles,
    invitedBy: user.id,
    inviterRoles: user.roles,
    origin: requestOrigin(request),
    locale: await resolveLocale(request, user.locale),
  });
  if (!result.ok)
    return invalid({ email: result.reason === "already-member" ? "people.errors.alreadyMember" : "people.errors.roleNotAllowed" });
  return redirectWithToast("/admin/people", { message: "people.invited", values: { email } });
}

export default function InvitePage() {
  const { t } = useTranslation();
  const { departments, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(InviteSchema, { serverErrors, defaultValues: { roles: ["employee"] } });
  return (
    <section className="card narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("people.inviteTitle")}</h1>
      <p className="hint">{t("people.inviteIntro")}</p>
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <TextInput label={t("people.email")} type="email" registration={register("email")} error={errorFor("email")} />
        <TextInput label={t("people.name")} registration={register("name")} error={errorFor("name")} />
        <Select label={t("people.department")} registration={register("departmentId")} error={errorFor("departmentId")}>
          <option value="">{t("people.noDepartment")}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
        <CheckboxGroup
          legend={t("people.roles")}
          registration={register("roles")}
          error={errorFor("roles")}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("people.sendInvitation")}
          </button>
          <Link to="/admin/people">{t("common.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}
