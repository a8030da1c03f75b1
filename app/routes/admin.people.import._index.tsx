import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { deliverMailSoon } from "~/runtime/mail-dispatcher.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { formatDateTime } from "~/models/core/dates";
import { MAX_IMPORT_BYTES } from "~/models/people/import-limits";
import { listPeopleImports, parsePeopleCsv, runPeopleImport, startPeopleImport, validateRows } from "~/models/people/import.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { errorsOf } from "~/utils/action-result";

const firstFile = (value: unknown) => (typeof FileList !== "undefined" && value instanceof FileList ? value.item(0) : value);

const ImportSchema = z.object({
  file: z.preprocess(
    firstFile,
    z
      .instanceof(File, { message: "people.import.errors.noFile" })
      .refine((f) => f.size > 0, "people.import.errors.noFile")
      .refine((f) => f.size <= MAX_IMPORT_BYTES, "people.import.errors.tooLarge")
      .refine((f) => /\.(csv|txt)$/i.test(f.name) || f.type === "text/csv", "people.import.errors.notCsv"),
  ),
  createDepartments: z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean()),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const [imports, locale, timeZone] = await Promise.all([
    listPeopleImports(db),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
  ]);
  // Dates are written on the server, in the organisation's time zone, so the browser hydrates the same text.
  return json({
    imports: imports.map((imp) => ({ ...imp, startedAt: formatDateTime(imp.created_at, locale, timeZone) })),
    maxBytes: MAX_IMPORT_BYTES,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch {
    return invalid({ file: "people.import.errors.tooLarge" });
  }
  const parsed = parseFormData(ImportSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  const { file, createDepartments } = parsed.data;
  const csv = parsePeopleCsv(await file.text());
  if (!csv.ok) return invalid({ file: csv.error });
  const checked = await validateRows(db, csv.rows, { importerRoles: user.roles, createDepartments });
  const rowErrors = [...csv.rowErrors, ...checked.rowErrors].sort((a, b) => a.line - b.line);
  const importId = await startPeopleImport(db, { createdBy: user.id, filename: file.name, totalRows: csv.totalRows, rowErrors });
  // Runs on after the response so the page can show progress; the page polls until it is done.
  // The invitation mails are in the outbox once it is; the mail dispatcher sends them from there.
  const locale = await resolveLocale(request, user.locale);
  void runPeopleImport(db, importId, checked.valid, { invitedBy: user.id, createDepartments, origin: requestOrigin(request), locale }).then(
    deliverMailSoon,
  );
  return redirect(`/admin/people/import/${importId}`);
}

export default function ImportPage() {
  const { t } = useTranslation();
  const { imports, maxBytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(ImportSchema, { serverErrors });
  const uploading = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <>
      <p>
        <Link to="/admin/people">← {t("people.title")}</Link>
      </p>
      <h1>{t("people.import.title")}</h1>
      <section className="card" aria-labelledby="format-title">
        <h2 id="format-title">{t("people.import.formatTitle")}</h2>
        <p>{t("people.import.formatIntro")}</p>
        <pre className="mail">
          {
            "email,name,department,roles\nana.garcia@example.com,Ana García,Atención al cliente,employee\nluis.perez@example.com,Luis Pérez,Comunicación,employee;editor"
          }
        </pre>
        <p className="hint">{t("people.import.formatRoles")}</p>
      </section>
      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t("people.import.uploadTitle")}</h2>
        <FormError error={serverErrors?.[""]} />
        <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
          <TextInput
            label={t("people.import.file")}
            type="file"
            accept=".csv,text/csv"
            hint={t("people.import.fileHint", { size: Math.round(maxBytes / 1024 / 1024) })}
            registration={register("file")}
            error={errorFor("file")}
          />
          <label className="checkbox">
            <input type="checkbox" {...register("createDepartments")} /> {t("people.import.createDepartments")}
          </label>
          <div className="actions">
            <button type="submit" disabled={uploading}>
              {t("people.import.submit")}
            </button>
            {uploading ? (
              <span role="status">
                <progress aria-label={t("people.import.uploading")} /> {t("people.import.uploading")}
              </span>
            ) : null}
          </div>
        </Form>
      </section>
      {imports.length ? (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{t("people.import.recent")}</h2>
          <ul>
            {imports.map((imp) => (
              <li key={imp.id}>
                <Link to={`/admin/people/import/${imp.id}`}>{imp.filename}</Link> · {imp.startedAt} ·{" "}
                {t(`people.import.status.${imp.status}`)} ·{" "}
                {t("people.import.importedOf", { imported: imp.imported_rows, total: imp.total_rows })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
