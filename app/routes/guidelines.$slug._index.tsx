import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCheckedForm } from "~/components/checked-form";
import { FormError, useErrorText } from "~/components/fields";
import { GuidelineBody, guidelineLinks } from "~/components/guideline";
import { acknowledgeGuideline, pendingRequiredGuidelines } from "~/models/guidelines/acknowledgements.server";
import { getDocumentBySlug } from "~/models/guidelines/documents.server";
import { checkAcknowledge } from "~/models/guidelines/acknowledge-check";
import { AcknowledgeSchema } from "~/models/guidelines/forms.server";
import { viewGuidelineVersion } from "~/models/guidelines/view.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

export const links = guidelineLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [language, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  const view = await viewGuidelineVersion(db, params.slug ?? "", "current", { language, timeZone, userId: user.id, canSeeDrafts: false });
  if (!view) notFound();
  return json(view);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const parsed = parseFormData(AcknowledgeSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const { versionId, language, textHash } = parsed.data;
  const result = await acknowledgeGuideline(db, { userId: user.id, documentId: document.id, versionId, language, textHash });
  if (!result.ok) {
    if (result.error === "errors.notFound") notFound();
    return invalid({ "": result.error });
  }
  const next = (await pendingRequiredGuidelines(db, user.id, await resolveLocale(request, user.locale)))[0];
  if (next)
    return redirectWithToast(`/guidelines/${next.slug}`, { message: "guidelines.toasts.acknowledgedNext", values: { title: next.title } });
  // The last step of onboarding done: the home greets the new ambassador (and asks for follower counts).
  if (document.required && (await isOnboarded(db, user.id)))
    return redirectWithToast("/", { message: "experience.onboarding.certified", kind: "success" });
  return redirectWithToast(`/guidelines/${document.slug}`, {
    message: document.required ? "guidelines.toasts.allDone" : "guidelines.toasts.acknowledged",
  });
}

function AcknowledgeForm({
  versionId,
  language,
  textHash,
  title,
  version,
}: {
  versionId: string;
  language: string;
  textHash: string;
  title: string;
  version: number;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useCheckedForm(checkAcknowledge, {
    serverErrors,
    defaultValues: { versionId, language, textHash },
  });
  const acceptError = useErrorText()(errorFor("accept"));
  return (
    <section className="card acknowledge" aria-labelledby="acknowledge-title">
      <h2 id="acknowledge-title">{t("guidelines.document.acknowledgeTitle")}</h2>
      <FormError error={serverErrors?.[""] ?? serverErrors?.versionId ?? serverErrors?.textHash ?? serverErrors?.language} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" {...register("versionId")} defaultValue={versionId} />
        <input type="hidden" {...register("language")} defaultValue={language} />
        <input type="hidden" {...register("textHash")} defaultValue={textHash} />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              {...register("accept")}
              aria-invalid={acceptError ? true : undefined}
              aria-describedby={acceptError ? "accept-error" : "accept-hint"}
            />
            {t("guidelines.document.accept", { title, version })}
          </label>
          <p id="accept-hint" className="hint">
            {t("guidelines.document.acceptHint")}
          </p>
          {acceptError ? (
            <p id="accept-error" className="field-error" role="alert">
              {acceptError}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={navigation.state !== "idle"}>
          {t("guidelines.document.acceptButton")}
        </button>
      </Form>
    </section>
  );
}

export default function GuidelinePage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const { document, version, text } = view;
  const earlier = view.versions.filter((v) => v.number !== version.number);
  return (
    <>
      <p>
        <Link to="/guidelines">{t("guidelines.back")}</Link>
      </p>
      <article aria-labelledby="guideline-title">
        <h1 id="guideline-title">{text.title}</h1>
        <p className="guideline-meta">
          {t("guidelines.versionN", { version: version.number })} · {t("guidelines.publishedOn", { date: version.publishedAt })}
          {document.required ? (
            <>
              {" "}
              · <span className="badge">{t("guidelines.required")}</span>
            </>
          ) : null}
        </p>
        {view.fallback ? <p className="notice">{t("guidelines.document.languageFallback")}</p> : null}
        {view.acknowledgement ? (
          <p className="notice notice-success" role="status">
            {t("guidelines.document.acknowledgedNotice", { date: view.acknowledgement.at })}
          </p>
        ) : view.previouslyAcknowledged !== null ? (
          <p className="notice notice-warn">
            {t("guidelines.document.newVersionNotice", { version: view.previouslyAcknowledged })}{" "}
            <Link to={`/guidelines/${document.slug}/diff?from=${view.previouslyAcknowledged}&to=${version.number}`}>
              {t("guidelines.document.whatChanged")}
            </Link>
          </p>
        ) : null}
        {version.changeNote ? <p className="notice">{t("guidelines.document.changeNote", { note: version.changeNote })}</p> : null}
        <GuidelineBody text={text} />
      </article>
      {view.acknowledgement ? null : (
        <AcknowledgeForm
          key={version.id}
          versionId={version.id}
          language={view.language}
          textHash={view.textHash}
          title={text.title}
          version={version.number}
        />
      )}
      {earlier.length ? (
        <section aria-labelledby="earlier-versions">
          <h2 id="earlier-versions">{t("guidelines.document.earlierVersions")}</h2>
          <ul>
            {earlier.map((v) => (
              <li key={v.number}>
                <Link to={`/guidelines/${document.slug}/versions/${v.number}`}>{t("guidelines.versionN", { version: v.number })}</Link> ·{" "}
                {v.publishedAt} ·{" "}
                <Link to={`/guidelines/${document.slug}/diff?from=${v.number}&to=${version.number}`}>
                  {t("guidelines.document.compareWithCurrent")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
