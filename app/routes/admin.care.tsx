import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import {
  addResponder,
  getCareSettings,
  listResponders,
  removeResponder,
  saveCareSettings,
} from "~/models/conversations/care-settings.server";
import { CareSettingsSchema, RemoveResponderSchema, ResponderSchema } from "~/models/conversations/report-schema";
import { listDepartments } from "~/models/people/departments.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { redirectWithToast } from "~/utils/toast.server";

export { CareSettingsSchema };

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const [settings, departments, responders] = await Promise.all([getCareSettings(db), listDepartments(db), listResponders(db)]);
  return json({
    settings: {
      targetMinutes: settings.targetMinutes,
      dailyPointCap: settings.dailyPointCap,
      days: settings.hours.days.map(String),
      start: hhmm(settings.hours.start),
      end: hhmm(settings.hours.end),
      timeZone: settings.timeZone,
    },
    departments,
    responders,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "add_responder") {
    const parsed = parseFormData(ResponderSchema, formData);
    if (!parsed.success) return invalid(parsed.errors, { intent });
    const result = await addResponder(db, parsed.data.departmentId, parsed.data.email);
    if (!result.ok) return invalid({ email: result.error }, { intent });
    return redirectWithToast("/admin/care", { message: "conversations.toasts.responderAdded" });
  }
  if (intent === "remove_responder") {
    const parsed = parseFormData(RemoveResponderSchema, formData);
    if (!parsed.success) return invalid(parsed.errors, { intent });
    await removeResponder(db, parsed.data.departmentId, parsed.data.userId);
    return redirectWithToast("/admin/care", { message: "conversations.toasts.responderRemoved" });
  }
  const parsed = parseFormData(CareSettingsSchema, formData);
  if (!parsed.success) return invalid(parsed.errors, { intent: "settings" });
  const v = parsed.data;
  await saveCareSettings(db, {
    targetMinutes: v.targetMinutes,
    dailyPointCap: v.dailyPointCap,
    hours: { days: v.days, start: v.start, end: v.end },
  });
  return redirectWithToast("/admin/care", { message: "conversations.toasts.settingsSaved" });
}

const WEEKDAYS = ["1", "2", "3", "4", "5", "6", "7"];

export default function CareSettingsPage() {
  const { t } = useTranslation();
  const { settings, departments, responders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failedIntent = actionData && "intent" in actionData ? actionData.intent : undefined;
  const settingsErrors = failedIntent === "settings" ? actionData?.errors : undefined;
  const responderErrors = failedIntent === "add_responder" ? actionData?.errors : undefined;
  const { onSubmit, register, errorFor } = useValidatedForm(CareSettingsSchema, {
    serverErrors: settingsErrors,
    defaultValues: { intent: "settings", ...settings },
  });
  const responderForm = useValidatedForm(ResponderSchema, {
    serverErrors: responderErrors,
    defaultValues: { intent: "add_responder", departmentId: departments[0]?.id ?? "", email: "" },
  });
  return (
    <>
      <h1>{t("conversations.admin.title")}</h1>
      <p className="hint">{t("conversations.admin.intro", { zone: settings.timeZone })}</p>
      <section className="card" aria-labelledby="sla-title">
        <h2 id="sla-title">{t("conversations.admin.slaTitle")}</h2>
        <FormError error={settingsErrors?.[""]} />
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="settings" />
          <TextInput
            label={t("conversations.admin.target")}
            hint={t("conversations.admin.targetHint")}
            type="number"
            min={5}
            registration={register("targetMinutes")}
            error={errorFor("targetMinutes")}
          />
          <fieldset className="field">
            <legend>{t("conversations.admin.days")}</legend>
            {WEEKDAYS.map((d) => (
              <label key={d} className="checkbox">
                <input type="checkbox" value={d} defaultChecked={settings.days.includes(d)} {...register("days")} />{" "}
                {t(`conversations.admin.weekdays.${d}`)}
              </label>
            ))}
            <p className="hint">{t("conversations.admin.daysHint")}</p>
          </fieldset>
          <TextInput label={t("conversations.admin.start")} type="time" registration={register("start")} error={errorFor("start")} />
          <TextInput label={t("conversations.admin.end")} type="time" registration={register("end")} error={errorFor("end")} />
          <TextInput
            label={t("conversations.admin.cap")}
            hint={t("conversations.admin.capHint")}
            type="number"
            min={0}
            registration={register("dailyPointCap")}
            error={errorFor("dailyPointCap")}
          />
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("conversations.admin.save")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="responders-title">
        <h2 id="responders-title">{t("conversations.admin.respondersTitle")}</h2>
        <p className="hint">{t("conversations.admin.respondersIntro")}</p>
        {responders.length ? (
          <ul>
            {responders.map((r) => (
              <li key={`${r.department_id}-${r.user_id}`}>
                <Form method="post" className="actions">
                  {r.department_name}: {r.name} ({r.email})
                  <input type="hidden" name="intent" value="remove_responder" />
                  <input type="hidden" name="departmentId" value={r.department_id} />
                  <input type="hidden" name="userId" value={r.user_id} />
                  <button type="submit" className="button-small secondary">
                    {t("conversations.admin.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("conversations.admin.noResponders")}</p>
        )}
        {departments.length ? (
          <Form method="post" onSubmit={responderForm.onSubmit} noValidate>
            <input type="hidden" name="intent" value="add_responder" />
            <label htmlFor="responder-department">{t("conversations.admin.department")}</label>
            <select id="responder-department" {...responderForm.register("departmentId")} defaultValue={departments[0]?.id}>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <TextInput
              label={t("conversations.admin.email")}
              type="email"
              registration={responderForm.register("email")}
              error={responderForm.errorFor("email")}
            />
            <button type="submit" className="secondary">
              {t("conversations.admin.add")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
