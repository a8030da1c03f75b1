import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Select, TextInput, useValidatedForm } from "~/components/forms";
import { workshopLinks } from "~/components/workshop";
import { parseLocalDateTime } from "~/models/core/dates";
import { pickLanguage } from "~/models/core/locale";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getVersionWithStatus, getWorkshopBySlug, loadTexts } from "~/models/workshops/workshops.server";
import { AttendanceSchema, SessionSchema } from "~/models/workshops/editor-forms";
import { SessionChoiceSchema } from "~/models/workshops/employee-forms";
import { cancelSession, createSession, markAttendance } from "~/models/workshops/sessions.server";
import { sessionsAdminView } from "~/models/workshops/view.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export { AttendanceSchema, SessionSchema };
export const links = workshopLinks;

const ROLES = ["editor", "hr", "admin"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  const workshop = await getWorkshopBySlug(db, params.slug ?? "");
  if (!workshop) notFound();
  const language = await resolveLocale(request, user.locale);
  const version = (await getVersionWithStatus(db, workshop.id, "published")) ?? (await getVersionWithStatus(db, workshop.id, "draft"));
  const title = version
    ? (pickLanguage((await loadTexts(db, [version.id])).get(version.id) ?? {}, language)?.text.title ?? workshop.slug)
    : workshop.slug;
  const view = await sessionsAdminView(db, workshop.id, language);
  return json({ slug: workshop.slug, title, ...view });
}

/** Intents: "create" a session, "cancel" one, "attendance" (who attended). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  const workshop = await getWorkshopBySlug(db, params.slug ?? "");
  if (!workshop) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/manage/workshops/${workshop.slug}/sessions`;
  if (intent === "create") {
    const parsed = parseFormData(SessionSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const startsAt = parseLocalDateTime(parsed.data.startsAt, await getOrganisationTimeZone(db));
    if (startsAt === null) return invalid({ startsAt: "workshops.errors.startsAt" });
    if (startsAt <= Date.now()) return invalid({ startsAt: "workshops.errors.startsInPast" });
    await createSession(db, {
      workshopId: workshop.id,
      ...parsed.data,
      startsAt,
      place: parsed.data.place || null,
      onlineUrl: parsed.data.onlineUrl || null,
      actorId: user.id,
    });
    return redirectWithToast(here, { message: "workshops.toasts.sessionCreated" });
  }
  if (intent === "cancel") {
    const parsed = parseFormData(SessionChoiceSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const session = await db
      .selectFrom("workshop_sessions")
      .select("id")
      .where("id", "=", parsed.data.sessionId)
      .where("workshop_id", "=", workshop.id)
      .executeTakeFirst();
    if (!session || !(await cancelSession(db, session.id))) return invalid({ "": "workshops.errors.sessionCancelled" });
    return redirectWithToast(here, { message: "workshops.toasts.sessionCancelled" });
  }
  if (intent === "attendance") {
    const parsed = parseFormData(AttendanceSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const result = await markAttendance(db, {
      sessionId: parsed.data.sessionId,
      workshopId: workshop.id,
      attendedUserIds: parsed.data.attended,
      actorId: user.id,
    });
    if (!result.ok) return result.error === "errors.notFound" ? notFound() : invalid({ "": result.error });
    return redirectWithToast(here, { message: "workshops.toasts.attendanceSaved", values: { count: result.completed } });
  }
  return invalid({ "": "validation.invalid" });
}

function CreateSessionForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(SessionSchema, {
    serverErrors,
    defaultValues: { startsAt: "", durationMinutes: 60, mode: "in_person", place: "", onlineUrl: "", capacity: 20 },
  });
  return (
    <section className="card" aria-labelledby="new-session">
      <h2 id="new-session">{t("workshops.sessions.createTitle")}</h2>
      <Form method="post" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <TextInput
            label={t("workshops.sessions.startsAt")}
            hint={t("workshops.sessions.startsAtHint")}
            type="datetime-local"
            registration={register("startsAt")}
            error={errorFor("startsAt")}
          />
          <TextInput
            label={t("workshops.sessions.duration")}
            type="number"
            min={15}
            registration={register("durationMinutes")}
            error={errorFor("durationMinutes")}
            defaultValue={60}
          />
          <Select label={t("workshops.sessions.mode")} registration={register("mode")} error={errorFor("mode")} defaultValue="in_person">
            <option value="in_person">{t("workshops.sessions.modes.in_person")}</option>
            <option value="online">{t("workshops.sessions.modes.online")}</option>
          </Select>
          <TextInput
            label={t("workshops.sessions.capacity")}
            type="number"
            min={1}
            registration={register("capacity")}
            error={errorFor("capacity")}
            defaultValue={20}
          />
        </div>
        <TextInput
          label={t("workshops.sessions.place")}
          hint={t("workshops.sessions.placeHint")}
          registration={register("place")}
          error={errorFor("place")}
          maxLength={200}
        />
        <TextInput
          label={t("workshops.sessions.onlineUrl")}
          hint={t("workshops.sessions.onlineUrlHint")}
          type="url"
          registration={register("onlineUrl")}
          error={errorFor("onlineUrl")}
          maxLength={500}
        />
        <button type="submit" name="intent" value="create">
          {t("workshops.sessions.create")}
        </button>
      </Form>
    </section>
  );
}

export default function WorkshopSessionsPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formError = errorsOf(actionData)?.[""];
  return (
    <>
      <p>
        <Link to="/manage/workshops">{t("workshops.manage.back")}</Link>
      </p>
      <h1>{t("workshops.sessions.manageTitle", { title: data.title })}</h1>
      <p className="hint">{t("workshops.sessions.timeZone", { zone: data.timeZone })}</p>
      <FormError error={formError} />
      {data.sessions.length === 0 ? <p className="card">{t("workshops.sessions.none")}</p> : null}
      {data.sessions.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`session-${s.id}`}>
          <h2 id={`session-${s.id}`}>
            {s.startsAt} · {t(`workshops.sessions.modes.${s.mode}`)}
          </h2>
          <p>
            {s.place ?? ""}
            {s.onlineUrl ? <a href={s.onlineUrl}>{s.onlineUrl}</a> : null} ·{" "}
            {t("workshops.sessions.minutes", { minutes: s.durationMinutes })} ·{" "}
            {t("workshops.sessions.taken", { taken: s.seatsTaken, capacity: s.capacity })}
            {s.cancelled ? (
              <>
                {" "}
                <span className="badge badge-danger">{t("workshops.sessions.cancelled")}</span>
              </>
            ) : null}
          </p>
          {s.roster.length === 0 ? <p className="hint">{t("workshops.sessions.nobody")}</p> : null}
          {s.roster.length && s.started ? (
            <Form method="post">
              <input type="hidden" name="sessionId" value={s.id} />
              <fieldset className="field">
                <legend>{t("workshops.sessions.attendanceLegend")}</legend>
                {s.roster.map((p) => (
                  <label key={p.id} className="checkbox">
                    <input type="checkbox" name="attended" value={p.id} defaultChecked={p.attended} /> {p.name}
                    {p.department ? ` (${p.department})` : ""}
                  </label>
                ))}
              </fieldset>
              <button type="submit" name="intent" value="attendance">
                {t("workshops.sessions.saveAttendance")}
              </button>
            </Form>
          ) : s.roster.length ? (
            <>
              <ul>
                {s.roster.map((p) => (
                  <li key={p.id}>
                    {p.name}
                    {p.department ? ` (${p.department})` : ""}
                  </li>
                ))}
              </ul>
              <p className="hint">{t("workshops.sessions.attendanceLater")}</p>
            </>
          ) : null}
          {!s.cancelled && !s.started ? (
            <Form method="post">
              <input type="hidden" name="sessionId" value={s.id} />
              <button type="submit" name="intent" value="cancel" className="secondary button-small">
                {t("workshops.sessions.cancelSession")}
              </button>
            </Form>
          ) : null}
        </section>
      ))}
      <CreateSessionForm />
    </>
  );
}
