import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OverviewCells } from "~/components/drafts";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { workshopLinks } from "~/components/workshop";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { createWorkshop, workshopsOverview } from "~/models/workshops/workshops.server";
import { CreateWorkshopSchema } from "~/models/workshops/editor-forms";
import { hasRole, requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export { CreateWorkshopSchema };
export const links = workshopLinks;

/** Editors manage the workshops; HR and administrators come here for the live sessions. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const [language, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  const workshops = await workshopsOverview(db, language);
  return json({
    isEditor: hasRole(user, "editor"),
    workshops: workshops.map((w) => ({
      ...w,
      current: w.current ? { ...w.current, publishedAt: formatDateTime(w.current.publishedAt, language, timeZone, false) } : null,
      draft: w.draft ? { ...w.draft, updatedAt: formatDateTime(w.draft.updatedAt, language, timeZone) } : null,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const parsed = parseFormData(CreateWorkshopSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const created = await createWorkshop(db, { slug: parsed.data.slug, actorId: user.id });
  if (!created.ok) return invalid(created.errors);
  return redirectWithToast(`/manage/workshops/${parsed.data.slug}/edit?lang=es`, {
    message: "workshops.toasts.workshopCreated",
    values: { slug: parsed.data.slug },
  });
}

function CreateWorkshopForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(CreateWorkshopSchema, { serverErrors, defaultValues: { slug: "" } });
  return (
    <section className="card" aria-labelledby="create-workshop">
      <h2 id="create-workshop">{t("workshops.manage.createTitle")}</h2>
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate className="inline-form">
        <TextInput
          label={t("workshops.manage.slug")}
          hint={t("workshops.manage.slugHint")}
          registration={register("slug")}
          error={errorFor("slug")}
          maxLength={60}
        />
        <button type="submit">{t("common.create")}</button>
      </Form>
    </section>
  );
}

export default function ManageWorkshopsPage() {
  const { t } = useTranslation();
  const { workshops, isEditor } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("workshops.manage.title")}</h1>
      <p>{t(isEditor ? "workshops.manage.introEditor" : "workshops.manage.introSessions")}</p>
      {workshops.length === 0 ? <p className="card">{t("workshops.manage.none")}</p> : null}
      {workshops.length ? (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("workshops.manage.workshop")}</th>
                <th scope="col">{t("workshops.manage.current")}</th>
                <th scope="col">{t("workshops.manage.draft")}</th>
                <th scope="col">{t("workshops.manage.completed")}</th>
                <th scope="col">{t("workshops.manage.sessions")}</th>
              </tr>
            </thead>
            <tbody>
              {workshops.map((w) => (
                <tr key={w.id}>
                  <OverviewCells feature="workshops" item={w} isEditor={isEditor} />
                  <td>{w.completed}</td>
                  <td>
                    <Link to={`/manage/workshops/${w.slug}/sessions`}>{t("workshops.manage.sessionsLink")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {isEditor ? <CreateWorkshopForm /> : null}
    </>
  );
}
