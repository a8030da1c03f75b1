import { TableWrap } from "~/components/ui/table-wrap";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OverviewCells } from "~/components/drafts";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { guidelineLinks } from "~/components/guideline";
import { formatDateTime } from "~/models/core/dates";
import { createDocument } from "~/models/guidelines/documents.server";
import { documentsOverview } from "~/models/guidelines/overview.server";
import { CreateDocumentSchema } from "~/models/guidelines/schema";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { hasRole, requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export { CreateDocumentSchema };
export const links = guidelineLinks;

/** Editors manage the documents; HR and administrators come here for coverage. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const [language, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  const documents = await documentsOverview(db, language);
  return json({
    isEditor: hasRole(user, "editor"),
    documents: documents.map((d) => ({
      ...d,
      current: d.current ? { ...d.current, publishedAt: formatDateTime(d.current.publishedAt, language, timeZone, false) } : null,
      draft: d.draft ? { ...d.draft, updatedAt: formatDateTime(d.draft.updatedAt, language, timeZone) } : null,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const parsed = parseFormData(CreateDocumentSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const created = await createDocument(db, { slug: parsed.data.slug, required: parsed.data.required, actorId: user.id });
  if (!created.ok) return invalid(created.errors);
  return redirectWithToast(`/manage/guidelines/${parsed.data.slug}/edit?lang=es`, {
    message: "guidelines.toasts.documentCreated",
    values: { slug: parsed.data.slug },
  });
}

function CreateDocumentForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(CreateDocumentSchema, {
    serverErrors,
    defaultValues: { slug: "", required: false },
  });
  return (
    <section className="card" aria-labelledby="create-document">
      <h2 id="create-document">{t("guidelines.manage.createTitle")}</h2>
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate className="inline-form">
        <TextInput
          label={t("guidelines.manage.slug")}
          hint={t("guidelines.manage.slugHint")}
          registration={register("slug")}
          error={errorFor("slug")}
          maxLength={60}
        />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" {...register("required")} /> {t("guidelines.manage.requiredLabel")}
          </label>
        </div>
        <button type="submit">{t("common.create")}</button>
      </Form>
    </section>
  );
}

export default function ManageGuidelinesPage() {
  const { t, i18n } = useTranslation();
  const { documents, isEditor } = useLoaderData<typeof loader>();
  const pct = (n: number | null) =>
    t("guidelines.percent", { value: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(n ?? 0) });
  return (
    <>
      <h1>{t("guidelines.manage.title")}</h1>
      <p>{t(isEditor ? "guidelines.manage.introEditor" : "guidelines.manage.introCoverage")}</p>
      {documents.length === 0 ? <p className="card">{t("guidelines.manage.none")}</p> : null}
      {documents.length ? (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("guidelines.manage.document")}</th>
                <th scope="col">{t("guidelines.manage.current")}</th>
                <th scope="col">{t("guidelines.manage.draft")}</th>
                <th scope="col">{t("guidelines.manage.coverage")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <OverviewCells feature="guidelines" item={d} isEditor={isEditor} />
                  <td>
                    {d.coverage ? (
                      <Link to={`/manage/guidelines/${d.slug}/coverage`}>
                        {t("guidelines.manage.coverageValue", {
                          percent: pct(d.coverage.percent),
                          acknowledged: d.coverage.acknowledged,
                          total: d.coverage.total,
                        })}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {isEditor ? <CreateDocumentForm /> : null}
    </>
  );
}
