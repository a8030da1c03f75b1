import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { TextInput, useValidatedForm } from "~/components/forms";
import { CsvFormatCard, CsvUploadForm } from "~/components/people-upload";
import { formatDateTime } from "~/models/core/dates";
import { getNumberSetting, getOrganisationTimeZone, setSetting } from "~/models/core/settings.server";
import { CheckboxField, CsvFileField, MAX_IMPORT_BYTES } from "~/models/people/import-limits";
import { parsePeopleCsv } from "~/models/people/import-csv.server";
import { listPeopleSyncs, savePeopleSync } from "~/models/people/sync-apply.server";
import { DEFAULT_MAX_DEACTIVATION_PERCENT, MAX_DEACTIVATION_PERCENT_KEY, planPeopleSync } from "~/models/people/sync-plan.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { errorsOf } from "~/utils/action-result";

const SyncSchema = z.object({
  file: CsvFileField,
  createDepartments: CheckboxField,
  wholeCompany: CheckboxField,
  maxDeactivationPercent: z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : Number(v)),
    z
      .number({ error: "peopleSync.errors.percent" })
      .int("peopleSync.errors.percent")
      .min(0, "peopleSync.errors.percent")
      .max(100, "peopleSync.errors.percent")
      .optional(),
  ),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const [syncs, locale, timeZone, maxPercent] = await Promise.all([
    listPeopleSyncs(db),
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    getNumberSetting(db, MAX_DEACTIVATION_PERCENT_KEY, DEFAULT_MAX_DEACTIVATION_PERCENT),
  ]);
  return json({
    syncs: syncs.map((s) => ({
      id: s.id,
      filename: s.filename,
      status: s.status,
      startedAt: formatDateTime(s.created_at, locale, timeZone),
    })),
    maxPercent,
    isAdmin: user.roles.includes("admin"),
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
  const parsed = parseFormData(SyncSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  const { file, createDepartments, wholeCompany, maxDeactivationPercent } = parsed.data;
  // Only administrators set how large a share of the company one sync may deactivate without the extra confirmation.
  if (maxDeactivationPercent !== undefined && !user.roles.includes("admin"))
    return invalid({ maxDeactivationPercent: "peopleSync.errors.adminOnly" });
  const csv = parsePeopleCsv(await file.text());
  if (!csv.ok) return invalid({ file: csv.error });
  if (maxDeactivationPercent !== undefined) await setSetting(db, MAX_DEACTIVATION_PERCENT_KEY, String(maxDeactivationPercent));
  const importer = { id: user.id, roles: user.roles };
  const { plan, hash } = await planPeopleSync(db, csv, { filename: file.name, importer, wholeCompany, createDepartments });
  const id = await savePeopleSync(db, { createdBy: user.id, plan, hash });
  return redirect(`/admin/people/sync/${id}`);
}

function RecentSyncs({ syncs }: { syncs: ReturnType<typeof useLoaderData<typeof loader>>["syncs"] }) {
  const { t } = useTranslation();
  if (!syncs.length) return null;
  return (
    <section aria-labelledby="sync-recent-title">
      <h2 id="sync-recent-title">{t("peopleSync.recent")}</h2>
      <ul>
        {syncs.map((s) => (
          <li key={s.id}>
            <Link to={`/admin/people/sync/${s.id}`}>{s.filename}</Link> · {s.startedAt} · {t(`peopleSync.status.${s.status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function PeopleSyncPage() {
  const { t } = useTranslation();
  const { syncs, maxPercent, isAdmin } = useLoaderData<typeof loader>();
  const serverErrors = errorsOf(useActionData<typeof action>());
  const { onSubmit, register, errorFor } = useValidatedForm(SyncSchema, { serverErrors });
  return (
    <>
      <p>
        <Link to="/admin/people">← {t("people.title")}</Link>
      </p>
      <h1>{t("peopleSync.title")}</h1>
      <CsvFormatCard
        id="sync-format-title"
        intro={t("peopleSync.intro")}
        example={
          "email,name,department,roles,language\nana.garcia@example.com,Ana García,Atención al cliente,employee,es\nluis.perez@example.com,Luis Pérez,Comunicación,employee;editor,en"
        }
        hint={t("peopleSync.blankCells")}
      />
      <CsvUploadForm
        id="sync-upload-title"
        title={t("peopleSync.uploadTitle")}
        formError={serverErrors?.[""]}
        onSubmit={onSubmit}
        file={{ registration: register("file"), error: errorFor("file") }}
        createDepartments={register("createDepartments")}
        submitLabel={t("peopleSync.preview")}
      >
        <label className="checkbox">
          <input type="checkbox" {...register("wholeCompany")} /> {t("peopleSync.wholeCompany")}
        </label>
        {isAdmin ? (
          <TextInput
            label={t("peopleSync.maxPercent")}
            type="number"
            hint={t("peopleSync.maxPercentHint", { percent: maxPercent })}
            registration={register("maxDeactivationPercent")}
            error={errorFor("maxDeactivationPercent")}
          />
        ) : null}
      </CsvUploadForm>
      <RecentSyncs syncs={syncs} />
    </>
  );
}
