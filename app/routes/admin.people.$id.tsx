import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { ROLES } from "#db/schema";
import { CheckboxGroup, FormError, Select, TextInput, useValidatedForm } from "~/components/forms";
import { departmentExists, listDepartments } from "~/models/people/departments.server";
import { invitePerson } from "~/models/people/invitations.server";
import { sendResetLinkToPerson } from "~/models/people/password-reset.server";
import { assignableRoles, canAssign } from "~/models/people/permissions";
import { deactivateUser, getPerson, reactivateUser, updatePerson } from "~/models/people/users.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { checkboxList, optionalId, requiredText } from "~/utils/form-fields";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

const UpdatePersonSchema = z.object({
  name: requiredText(120),
  departmentId: optionalId(),
  roles: checkboxList(z.enum(ROLES, { error: "validation.invalid" })).pipe(z.array(z.enum(ROLES)).min(1, "people.errors.noRole")),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const person = await getPerson(db, params.id ?? "");
  if (!person) notFound();
  return json({ person, departments: await listDepartments(db), assignable: assignableRoles(user.roles), isSelf: person.id === user.id });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const person = await getPerson(db, params.id ?? "");
  if (!person) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/admin/people/${person.id}`;
  // HR may not change what an administrator holds.
  if (person.roles.includes("admin") && !user.roles.includes("admin")) return invalid({ "": "people.errors.roleNotAllowed" });

  if (intent === "update") {
    const parsed = parseFormData(UpdatePersonSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const { name, departmentId, roles } = parsed.data;
    const removedOrAdded = ROLES.filter((r) => roles.includes(r) !== person.roles.includes(r));
    if (!canAssign(user.roles, removedOrAdded)) return invalid({ roles: "people.errors.roleNotAllowed" });
    if (departmentId && !(await departmentExists(db, departmentId))) return invalid({ departmentId: "people.errors.unknownDepartment" });
    const saved = await updatePerson(db, person.id, { name, departmentId, roles }, user.id);
    if (!saved.ok) return invalid({ roles: "people.errors.lastAdmin" });
    return redirectWithToast(here, { message: "people.saved" });
  }
  if (intent === "deactivate") {
    if (person.id === user.id) return invalid({ "": "people.errors.deactivateSelf" });
    if (!(await deactivateUser(db, person.id, user.id)).ok) return invalid({ "": "people.errors.lastAdmin" });
    return redirectWithToast(here, { message: "people.deactivated" });
  }
  if (intent === "reactivate") {
    await reactivateUser(db, person.id, user.id);
    return redirectWithToast(here, { message: "people.reactivated" });
  }
  if (intent === "resend" && person.status === "invited") {
    await invitePerson(db, {
      email: person.email,
      name: person.name,
      departmentId: person.department_id,
      roles: person.roles,
      invitedBy: user.id,
      origin: requestOrigin(request),
      locale: person.locale ?? (await resolveLocale(request, user.locale)),
    });
    return redirectWithToast(here, { message: "people.invitationResent" });
  }
  if (intent === "sendReset") {
    const sent = await sendResetLinkToPerson(db, {
      userId: person.id,
      adminId: user.id,
      origin: requestOrigin(request),
      locale: await resolveLocale(request, user.locale),
    });
    if (!sent.ok) return invalid({ "": "passwordReset.notActive" });
    return redirectWithToast(here, { message: "passwordReset.adminSent", values: { email: person.email } });
  }
  return invalid({ "": "validation.invalid" });
}

export default function PersonPage() {
  const { t } = useTranslation();
  const { person, departments, assignable, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(UpdatePersonSchema, {
    serverErrors,
    defaultValues: { name: person.name, departmentId: person.department_id ?? "", roles: person.roles },
  });
  return (
    <>
      <p>
        <Link to="/admin/people">← {t("people.title")}</Link>
      </p>
      <h1>{person.name}</h1>
      <p>
        {person.email} · <span className="badge">{t(`people.statuses.${person.status}`)}</span>
      </p>
      <FormError error={serverErrors?.[""]} />
      <section className="card" aria-labelledby="edit-title">
        <h2 id="edit-title">{t("people.editTitle")}</h2>
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="update" />
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
            options={assignable.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          {person.roles
            .filter((r) => !assignable.includes(r))
            .map((r) => (
              <input key={r} type="hidden" name="roles" value={r} />
            ))}
          <button type="submit">{t("common.save")}</button>
        </Form>
      </section>
      <section className="card" aria-labelledby="access-title">
        <h2 id="access-title">{t("people.accessTitle")}</h2>
        <div className="actions">
          {person.status === "invited" ? (
            <Form method="post">
              <button type="submit" name="intent" value="resend" className="secondary">
                {t("people.resendInvitation")}
              </button>
            </Form>
          ) : null}
          {person.status === "active" && !isSelf ? (
            <Form method="post">
              <button type="submit" name="intent" value="sendReset" className="secondary">
                {t("passwordReset.adminSend")}
              </button>
            </Form>
          ) : null}
          {person.status !== "deactivated" && !isSelf ? (
            <Form method="post">
              <button type="submit" name="intent" value="deactivate" className="danger">
                {t("people.deactivate")}
              </button>
            </Form>
          ) : null}
          {person.status === "deactivated" ? (
            <Form method="post">
              <button type="submit" name="intent" value="reactivate">
                {t("people.reactivate")}
              </button>
            </Form>
          ) : null}
        </div>
        {person.status === "active" && !isSelf ? <p className="hint">{t("passwordReset.adminHint")}</p> : null}
        <p className="hint">{t("people.deactivateHint")}</p>
      </section>
    </>
  );
}
