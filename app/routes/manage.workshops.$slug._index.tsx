import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "#db/schema";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { workshopLinks } from "~/components/workshop";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getWorkshopBySlug, listVersions, loadTexts, settingsOf } from "~/models/workshops/workshops.server";
import { discardDraft, publishDraft, saveDraftSettings } from "~/models/workshops/versions.server";
import { DEFAULT_WORKSHOP_SETTINGS } from "~/models/workshops/schema";
import { SettingsSchema } from "~/models/workshops/editor-forms";
import { publishProblem } from "~/models/workshops/text.server";
import { pickLanguage } from "~/models/core/locale";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";
import { DraftCard, EditLanguageLinks } from "~/components/drafts";
import { VersionHistory } from "~/components/version-history";
import { RequiredAudience } from "~/components/required-audience";
import { audienceChoices, saveAudienceForm } from "~/models/onboarding/audience-choices.server";
import { AudienceSchema } from "~/models/onboarding/audience-form";

export { AudienceSchema, SettingsSchema };
export const links = workshopLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const workshop = await getWorkshopBySlug(db, params.slug ?? "");
  if (!workshop) notFound();
  const [language, timeZone, versions] = await Promise.all([
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    listVersions(db, workshop.id),
  ]);
  const draft = versions.find((v) => v.status === "draft") ?? null;
  const current = versions.find((v) => v.status === "published") ?? null;
  const shown = draft ?? current;
  const [texts, rows] = await Promise.all([
    loadTexts(db, shown ? [shown.id] : []),
    db
      .selectFrom("workshop_versions")
      .selectAll()
      .where("id", "in", [draft?.id ?? "", current?.id ?? ""])
      .execute(),
  ]);
  const row = rows.find((r) => r.id === shown?.id);
  const shownTexts = shown ? (texts.get(shown.id) ?? {}) : {};
  // Required now (the published version) or once the draft is published: either way it is required of someone.
  const required = rows.some((r) => r.required === 1);
  const when = (at: number | null) => formatDateTime(at, language, timeZone);
  return json({
    slug: workshop.slug,
    title: pickLanguage(shownTexts, language)?.text.title ?? workshop.slug,
    currentVersion: current?.version ?? null,
    settings: row ? settingsOf(row) : null,
    audience: required ? await audienceChoices(db, "workshop", workshop.id) : null,
    draft: draft
      ? {
          version: draft.version,
          updatedAt: when(draft.updated_at),
          source: draft.source,
          languages: draft.languages,
          problem: publishProblem(shownTexts),
        }
      : null,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      languages: v.languages,
      publishedAt: when(v.published_at),
      supersededAt: when(v.superseded_at),
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const workshop = await getWorkshopBySlug(db, params.slug ?? "");
  if (!workshop) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/manage/workshops/${workshop.slug}`;
  if (intent === "settings") {
    const parsed = parseFormData(SettingsSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    if (parsed.data.required && parsed.data.dueDays === null) return invalid({ dueDays: "workshops.errors.dueDaysRequired" });
    const saved = await saveDraftSettings(db, { workshopId: workshop.id, settings: parsed.data, actorId: user.id });
    if (!saved.ok) return invalid(saved.errors);
    return redirectWithToast(here, { message: "workshops.toasts.draftSaved", values: { version: saved.version } });
  }
  if (intent === "audience") {
    const saved = await saveAudienceForm(db, "workshop", workshop.id, formData);
    if (!saved.ok) return invalid(saved.errors);
    return redirectWithToast(here, { message: "onboarding.toasts.audienceSaved" });
  }
  if (intent === "publish") {
    const result = await publishDraft(db, { workshopId: workshop.id, actorId: user.id });
    if (!result.ok) return invalid({ "": result.error });
    return redirectWithToast(here, { message: "workshops.toasts.published", values: { version: result.version } });
  }
  if (intent === "discard") {
    if (!(await discardDraft(db, workshop.id))) return invalid({ "": "workshops.errors.noDraft" });
    return redirectWithToast(here, { message: "workshops.toasts.draftDiscarded" });
  }
  return invalid({ "": "validation.invalid" });
}

function SettingsForm({
  settings,
}: {
  settings: { required: boolean; dueDays: number | null; durationMinutes: number; passMark: number; maxAttempts: number | null } | null;
}) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const values = settings ?? DEFAULT_WORKSHOP_SETTINGS;
  const defaults = {
    required: values.required,
    dueDays: values.dueDays ?? "",
    durationMinutes: values.durationMinutes,
    passMark: values.passMark,
    maxAttempts: values.maxAttempts ?? "",
  };
  const { onSubmit, register, errorFor } = useValidatedForm(SettingsSchema, { serverErrors, defaultValues: defaults as never });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" {...register("required")} defaultChecked={values.required} /> {t("workshops.manage.requiredLabel")}
        </label>
      </div>
      <div className="form-grid">
        <TextInput
          label={t("workshops.manage.dueDays")}
          hint={t("workshops.manage.dueDaysHint")}
          type="number"
          min={1}
          registration={register("dueDays")}
          error={errorFor("dueDays")}
          defaultValue={defaults.dueDays}
        />
        <TextInput
          label={t("workshops.manage.duration")}
          type="number"
          min={5}
          registration={register("durationMinutes")}
          error={errorFor("durationMinutes")}
          defaultValue={defaults.durationMinutes}
        />
        <TextInput
          label={t("workshops.manage.passMark")}
          type="number"
          min={0}
          max={100}
          registration={register("passMark")}
          error={errorFor("passMark")}
          defaultValue={defaults.passMark}
        />
        <TextInput
          label={t("workshops.manage.maxAttempts")}
          hint={t("workshops.manage.maxAttemptsHint")}
          type="number"
          min={1}
          registration={register("maxAttempts")}
          error={errorFor("maxAttempts")}
          defaultValue={defaults.maxAttempts}
        />
      </div>
      <button type="submit" name="intent" value="settings" className="secondary">
        {t("workshops.manage.saveSettings")}
      </button>
    </Form>
  );
}

export default function ManageWorkshopPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formError = errorsOf(actionData)?.[""];
  const { slug, draft } = data;
  const editLanguage = (l: Locale) => t("workshops.manage.editLanguage", { language: t(`workshops.languageNames.${l}`) });
  return (
    <>
      <p>
        <Link to="/manage/workshops">{t("workshops.manage.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="hint">
        <code>{slug}</code> ·{" "}
        {data.currentVersion ? t("workshops.manage.currentIs", { version: data.currentVersion }) : t("workshops.manage.notPublished")} ·{" "}
        <Link to={`/manage/workshops/${slug}/sessions`}>{t("workshops.manage.sessionsLink")}</Link>
        {data.currentVersion ? (
          <>
            {" · "}
            <Link to={`/workshops/${slug}`}>{t("workshops.manage.view")}</Link>
          </>
        ) : null}
      </p>
      <FormError error={formError} />
      <DraftCard
        feature="workshops"
        draft={draft}
        actionsLabel={t("workshops.manage.languages")}
        actions={<EditLanguageLinks feature="workshops" slug={slug} label={editLanguage} />}
        publishForm={
          <Form method="post">
            <p className="hint">{t("workshops.manage.publishHint")}</p>
            <button type="submit" name="intent" value="publish">
              {t("workshops.manage.publish", { version: draft?.version })}
            </button>
          </Form>
        }
        noDraft={
          <>
            <p className="hint">{t("workshops.manage.noDraftHint")}</p>
            <ul className="actions" aria-label={t("workshops.manage.languages")}>
              <EditLanguageLinks feature="workshops" slug={slug} label={editLanguage} />
            </ul>
          </>
        }
      />
      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("workshops.manage.settingsTitle")}</h2>
        <p className="hint">{t("workshops.manage.settingsHint")}</p>
        <SettingsForm settings={data.settings} />
      </section>
      {data.audience ? <RequiredAudience {...data.audience} errors={errorsOf(actionData)} /> : null}
      <VersionHistory
        feature="workshops"
        versions={data.versions}
        versionCell={(v) => t("workshops.versionN", { version: v.version })}
        statusCell={(v) => t(`workshops.versionStatus.${v.status}`)}
        languageName={(l) => t(`workshops.languageNames.${l}`)}
      />
    </>
  );
}
