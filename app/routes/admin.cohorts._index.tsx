import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Select, TextArea, TextInput, useValidatedForm } from "~/components/forms";
import { createCohort, listCohorts } from "~/models/cohorts/cohorts.server";
import { CohortSchema } from "~/models/cohorts/schema";
import { createWaveAfter, pilotChoices } from "~/models/cohorts/waves.server";
import { formatDateTime, parseLocalDate } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { listDepartments } from "~/models/people/departments.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { refusalOf } from "~/utils/action-result";

export { CohortSchema };

const MAX_CSV_BYTES = 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const [cohorts, departments, pilots, timeZone, locale] = await Promise.all([
    listCohorts(db),
    listDepartments(db),
    pilotChoices(db),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
  ]);
  return json({
    departments,
    pilots,
    cohorts: cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      startsOn: formatDateTime(c.starts_at, locale, timeZone, false),
      endsOn: formatDateTime(c.ends_at - 1, locale, timeZone, false),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch {
    return invalid({ csv: "cohorts.errors.csvTooLarge" });
  }
  const parsed = parseFormData(CohortSchema, formData);
  if (!parsed.success) return invalid(parsed.errors);
  const upload = formData.get("csv");
  const csv = upload instanceof File && upload.size > 0 ? await upload.text() : "";
  const timeZone = await getOrganisationTimeZone(db);
  const values = parsed.data;
  const cohort = {
    name: values.name,
    startsAt: parseLocalDate(values.startsOn, timeZone) ?? 0,
    endsAt: parseLocalDate(values.endsOn, timeZone, 1) ?? 0,
    goalParticipation: values.goalParticipation,
    goalShares: values.goalShares,
    goalUniqueClicks: values.goalUniqueClicks,
    goalConversions: values.goalConversions,
    departmentIds: values.departmentIds,
    emails: `${values.emails}\n${csv}`,
  };
  if (values.followsId) {
    const result = await createWaveAfter(db, { pilotId: values.followsId, cohort, actor: user, origin: requestOrigin(request) });
    if (!result.ok) return invalid({ [result.field]: result.error }, { params: result.params ?? {} });
    return redirectWithToast(`/admin/cohorts/${result.id}`, {
      message: "cohorts.toasts.createdAndOpened",
      values: { invited: result.invited, champions: result.champions },
    });
  }
  const result = await createCohort(db, user.id, cohort);
  if (!result.ok) return invalid({ [result.field]: result.error }, { params: result.params ?? {} });
  return redirectWithToast(`/admin/cohorts/${result.id}`, { message: "cohorts.toasts.created", values: { count: result.people } });
}

export default function CohortsPage() {
  const { t } = useTranslation();
  const { cohorts, departments, pilots } = useLoaderData<typeof loader>();
  const failed = refusalOf(useActionData<typeof action>());
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(CohortSchema, {
    serverErrors: failed?.errors,
    defaultValues: { intent: "create" },
  });
  const params = failed && "params" in failed ? (failed.params as Record<string, string | number>) : {};
  const emailsError = errorFor("emails");
  return (
    <>
      <h1>{t("cohorts.title")}</h1>
      <p className="hint">{t("cohorts.intro")}</p>
      {cohorts.length === 0 ? <p>{t("cohorts.none")}</p> : null}
      <ul>
        {cohorts.map((cohort) => (
          <li key={cohort.id}>
            <Link to={`/admin/cohorts/${cohort.id}`}>{cohort.name}</Link> ({cohort.startsOn} – {cohort.endsOn})
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="new-cohort">
        <h2 id="new-cohort">{t("cohorts.new")}</h2>
        <FormError error={failed?.errors[""]} />
        <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextInput label={t("cohorts.name")} registration={register("name")} error={errorFor("name")} />
          <TextInput label={t("cohorts.startsOn")} type="date" registration={register("startsOn")} error={errorFor("startsOn")} />
          <TextInput label={t("cohorts.endsOn")} type="date" registration={register("endsOn")} error={errorFor("endsOn")} />
          <TextInput
            label={t("cohorts.goalParticipation")}
            inputMode="numeric"
            registration={register("goalParticipation")}
            error={errorFor("goalParticipation")}
          />
          <TextInput
            label={t("cohorts.goalShares")}
            inputMode="numeric"
            registration={register("goalShares")}
            error={errorFor("goalShares")}
          />
          <TextInput
            label={t("cohorts.goalUniqueClicks")}
            inputMode="numeric"
            registration={register("goalUniqueClicks")}
            error={errorFor("goalUniqueClicks")}
          />
          <TextInput
            label={t("cohorts.goalConversions")}
            inputMode="numeric"
            registration={register("goalConversions")}
            error={errorFor("goalConversions")}
          />
          <fieldset className="field">
            <legend>{t("cohorts.departments")}</legend>
            {departments.map((d) => (
              <label key={d.id} className="checkbox">
                <input type="checkbox" value={d.id} {...register("departmentIds")} /> {d.name}
              </label>
            ))}
            {errorFor("departmentIds") ? (
              <p className="field-error" role="alert">
                {t(errorFor("departmentIds") ?? "")}
              </p>
            ) : null}
          </fieldset>
          {/* Its error is shown below with the unknown emails in it, which Field cannot interpolate. */}
          <TextArea label={t("cohorts.emails")} hint={t("cohorts.emailsHint")} rows={4} registration={register("emails")} />
          {emailsError ? (
            <p className="field-error" role="alert">
              {t(emailsError, params)}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="cohort-csv">{t("cohorts.csv")}</label>
            <input id="cohort-csv" type="file" name="csv" accept=".csv,text/csv,text/plain" />
            {errorFor("csv") ? (
              <p className="field-error" role="alert">
                {t(errorFor("csv") ?? "")}
              </p>
            ) : null}
          </div>
          {pilots.length ? (
            <Select
              label={t("cohorts.follows")}
              hint={t("cohorts.followsHint")}
              registration={register("followsId")}
              error={errorFor("followsId")}
            >
              <option value="">{t("cohorts.followsNone")}</option>
              {pilots.map((pilot) => (
                <option key={pilot.id} value={pilot.id}>
                  {pilot.name}
                </option>
              ))}
            </Select>
          ) : null}
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("cohorts.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
