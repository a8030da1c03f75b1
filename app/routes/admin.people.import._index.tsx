import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { deliverMailSoon } from "~/runtime/mail-dispatcher.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { useValidatedForm } from "~/components/forms";
import { CsvFormatCard, CsvUploadForm } from "~/components/people-upload";
import { formatDateTime } from "~/models/core/dates";
import { CheckboxField, CsvFileField, MAX_IMPORT_BYTES } from "~/models/people/import-limits";
import { listPeopleImports, parsePeopleCsv, runPeopleImport, startPeopleImport, validateRows } from "~/models/people/import.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { errorsOf } from "~/utils/action-result";

const ImportSchema = z.object({ file: CsvFileField, createDepartments: CheckboxField });

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
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(ImportSchema, { serverErrors });
  return (
    <>
      <p>
        <Link to="/admin/people">← {t("people.title")}</Link>
      </p>
      <h1>{t("people.import.title")}</h1>
      <CsvFormatCard
        id="format-title"
        intro={t("people.import.formatIntro")}
        example={
          "email,name,department,roles\nana.garcia@example.com,Ana García,Atención al cliente,employee\nluis.perez@example.com,Luis Pérez,Comunicación,employee;editor"
        }
        hint={t("people.import.formatRoles")}
      />
      <CsvUploadForm
        id="upload-title"
        title={t("people.import.uploadTitle")}
        formError={serverErrors?.[""]}
        onSubmit={onSubmit}
        file={{
          registration: register("file"),
          error: errorFor("file"),
          hint: t("people.import.fileHint", { size: Math.round(maxBytes / 1024 / 1024) }),
        }}
        createDepartments={register("createDepartments")}
        submitLabel={t("people.import.submit")}
      />
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
