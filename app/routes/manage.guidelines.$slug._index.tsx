import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "#db/schema";
import { CheckboxGroup, FormError, TextArea, useValidatedForm } from "~/components/forms";
import { guidelineLinks, VersionBadge } from "~/components/guideline";
import { formatDateTime } from "~/models/core/dates";
import {
  deleteUnpublishedDocument,
  getDocumentBySlug,
  listVersions,
  loadTexts,
  setDocumentRequired,
} from "~/models/guidelines/documents.server";
import { discardDraft } from "~/models/guidelines/versions.server";
import { publishDraft, publishProblem } from "~/models/guidelines/publish.server";
import { coverageByDepartment } from "~/models/guidelines/coverage.server";
import { languageChanges, languagesNeedingDecision, parseLanguages } from "~/models/guidelines/language-decision.server";
import { PublishSchema, RequiredSchema } from "~/models/guidelines/schema";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
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

export { AudienceSchema, PublishSchema };
export const links = guidelineLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor");
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const [language, timeZone, versions, audience] = await Promise.all([
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    listVersions(db, document.id),
    document.required === 1 ? audienceChoices(db, "guideline", document.id) : null,
  ]);
  const draft = versions.find((v) => v.status === "draft") ?? null;
  const current = versions.find((v) => v.status === "published") ?? null;
  const texts = await loadTexts(
    db,
    [draft?.id, current?.id].filter((id): id is string => Boolean(id)),
  );
  const draftTexts = draft ? (texts.get(draft.id) ?? {}) : {};
  const changes = languageChanges(current ? texts.get(current.id) : undefined, draftTexts);
  const shown = current ?? draft;
  const employees = current ? (await coverageByDepartment(db, document.id, current.id)).total : null;
  const when = (at: number | null) => formatDateTime(at, language, timeZone);
  return json({
    slug: document.slug,
    required: document.required === 1,
    audience,
    title: shown ? (shown.titles[language] ?? Object.values(shown.titles)[0] ?? document.slug) : document.slug,
    currentVersion: current?.version ?? null,
    everPublished: versions.some((v) => v.status !== "draft"),
    employees,
    draft: draft
      ? {
          version: draft.version,
          updatedAt: when(draft.updated_at),
          source: draft.source,
          languages: draft.languages,
          problem: publishProblem(draftTexts),
          changed: changes.changed,
          needsDecision: languagesNeedingDecision(changes),
        }
      : null,
    versions: versions.map((v) => ({
      version: v.version,
      status: v.status,
      languages: v.languages,
      publishedAt: when(v.published_at),
      supersededAt: when(v.superseded_at),
      changeNote: v.change_note,
      unchangedLanguages: parseLanguages(v.unchanged_languages),
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/manage/guidelines/${document.slug}`;
  if (intent === "required") {
    const parsed = parseFormData(RequiredSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    await setDocumentRequired(db, document.id, parsed.data.required);
    return redirectWithToast(here, { message: parsed.data.required ? "guidelines.toasts.nowRequired" : "guidelines.toasts.nowOptional" });
  }
  if (intent === "audience") {
    const saved = await saveAudienceForm(db, "guideline", document.id, formData);
    if (!saved.ok) return invalid(saved.errors);
    return redirectWithToast(here, { message: "onboarding.toasts.audienceSaved" });
  }
  if (intent === "publish") {
    const parsed = parseFormData(PublishSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const result = await publishDraft(db, {
      documentId: document.id,
      actorId: user.id,
      changeNote: parsed.data.changeNote,
      unchangedLanguages: parsed.data.unchangedLanguages,
    });
    if (!result.ok) return invalid(result.languages ? { unchangedLanguages: result.error } : { "": result.error });
    return redirectWithToast(here, { message: "guidelines.toasts.published", values: { version: result.version } });
  }
  if (intent === "discard") {
    if (!(await discardDraft(db, document.id))) return invalid({ "": "guidelines.errors.noDraft" });
    return redirectWithToast(here, { message: "guidelines.toasts.draftDiscarded" });
  }
  if (intent === "delete") {
    const result = await deleteUnpublishedDocument(db, document.id);
    if (!result.ok) return invalid({ "": result.error });
    return redirectWithToast("/manage/guidelines", { message: "guidelines.toasts.documentDeleted", values: { slug: document.slug } });
  }
  return invalid({ "": "validation.invalid" });
}

interface PublishFormProps {
  draftVersion: number;
  required: boolean;
  employees: number | null;
  changed: Locale[];
  needsDecision: Locale[];
}

function PublishForm({ draftVersion, required, employees, changed, needsDecision }: PublishFormProps) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(PublishSchema, {
    serverErrors,
    defaultValues: { changeNote: "", unchangedLanguages: [] },
  });
  const names = (languages: Locale[]) => languages.map((l) => t(`guidelines.languageNames.${l}`)).join(", ");
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <TextArea
        label={t("guidelines.manage.changeNote")}
        hint={t("guidelines.manage.changeNoteHint")}
        registration={register("changeNote")}
        error={errorFor("changeNote")}
        rows={2}
        maxLength={500}
      />
      {needsDecision.length ? (
        <>
          <p className="notice notice-warn">
            {t("guidelines.languageDecision.warning", { changed: names(changed), unchanged: names(needsDecision) })}
          </p>
          <CheckboxGroup
            legend={t("guidelines.languageDecision.legend")}
            registration={register("unchangedLanguages")}
            error={errorFor("unchangedLanguages")}
            options={needsDecision.map((l) => ({ value: l, label: t("guidelines.languageDecision.noChange", { language: names([l]) }) }))}
          />
        </>
      ) : null}
      {required ? <p className="notice notice-warn">{t("guidelines.manage.publishWarning", { count: employees ?? 0 })}</p> : null}
      <button type="submit" name="intent" value="publish">
        {t("guidelines.manage.publish", { version: draftVersion })}
      </button>
    </Form>
  );
}

export default function ManageGuidelinePage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formError = errorsOf(actionData)?.[""];
  const { slug, draft } = data;
  return (
    <>
      <p>
        <Link to="/manage/guidelines">{t("guidelines.manage.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="guideline-meta">
        <code>{slug}</code> ·{" "}
        {data.currentVersion ? t("guidelines.manage.currentIs", { version: data.currentVersion }) : t("guidelines.manage.notPublished")}
        {data.currentVersion ? (
          <>
            {" "}
            · <Link to={`/manage/guidelines/${slug}/coverage`}>{t("guidelines.manage.coverageLink")}</Link>
          </>
        ) : null}
      </p>
      <FormError error={formError} />

      <DraftCard
        feature="guidelines"
        draft={draft}
        actionsLabel={t("guidelines.manage.draftActions")}
        actions={
          draft ? (
            <>
              <EditLanguageLinks
                feature="guidelines"
                slug={slug}
                label={(l) =>
                  t(draft.languages.includes(l) ? "guidelines.manage.editLanguage" : "guidelines.manage.addLanguage", {
                    language: t(`guidelines.languageNames.${l}`),
                  })
                }
              />
              <li>
                <Link to={`/guidelines/${slug}/versions/${draft.version}`}>{t("guidelines.manage.preview")}</Link>
              </li>
              {data.currentVersion ? (
                <li>
                  <Link to={`/guidelines/${slug}/diff?from=${data.currentVersion}&to=${draft.version}`}>
                    {t("guidelines.manage.seeChanges")}
                  </Link>
                </li>
              ) : null}
            </>
          ) : null
        }
        publishForm={
          draft ? (
            <PublishForm
              draftVersion={draft.version}
              required={data.required}
              employees={data.employees}
              changed={draft.changed}
              needsDecision={draft.needsDecision}
            />
          ) : null
        }
        noDraft={
          <>
            <p>{t("guidelines.manage.noDraftHint")}</p>
            <Link className="button" to={`/manage/guidelines/${slug}/edit?lang=es`}>
              {t("guidelines.manage.startDraft")}
            </Link>
          </>
        }
      />

      <section className="card" aria-labelledby="required-title">
        <h2 id="required-title">{t("guidelines.manage.requiredTitle")}</h2>
        <p className="hint">{t("guidelines.manage.requiredHint")}</p>
        <Form method="post" className="inline-form">
          <input type="hidden" name="required" value={data.required ? "false" : "true"} />
          <p>{t(data.required ? "guidelines.manage.isRequired" : "guidelines.manage.isOptional")}</p>
          <button type="submit" name="intent" value="required" className="secondary">
            {t(data.required ? "guidelines.manage.makeOptional" : "guidelines.manage.makeRequired")}
          </button>
        </Form>
      </section>
      {data.audience ? <RequiredAudience {...data.audience} errors={errorsOf(actionData)} /> : null}

      <VersionHistory
        feature="guidelines"
        versions={data.versions}
        versionCell={(v) => (
          <Link to={`/guidelines/${slug}/versions/${v.version}`}>{t("guidelines.versionN", { version: v.version })}</Link>
        )}
        statusCell={(v) => <VersionBadge status={v.status} />}
        languageName={(l) => t(`guidelines.languages.${l}`)}
        withChangeNote
        changeNoteCell={(v) => (
          <>
            {v.changeNote ?? ""}
            {v.unchangedLanguages.length ? (
              <p className="hint">
                {t("guidelines.languageDecision.recorded", {
                  languages: v.unchangedLanguages.map((l) => t(`guidelines.languageNames.${l}`)).join(", "),
                })}
              </p>
            ) : null}
          </>
        )}
      />

      {data.everPublished ? null : (
        <section className="card" aria-labelledby="delete-title">
          <h2 id="delete-title">{t("guidelines.manage.deleteTitle")}</h2>
          <p className="hint">{t("guidelines.manage.deleteHint")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="delete" className="danger">
              {t("guidelines.manage.delete")}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
