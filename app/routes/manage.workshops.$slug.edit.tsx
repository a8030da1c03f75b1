import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { DraftEditorHeader } from "~/components/drafts";
import type { Locale } from "#db/schema";
import { FormError, Select, TextArea, TextInput, useValidatedForm } from "~/components/forms";
import { workshopLinks } from "~/components/workshop";
import { getVersionWithStatus, getWorkshopBySlug, loadTexts } from "~/models/workshops/workshops.server";
import { saveDraftText } from "~/models/workshops/versions.server";
import { LIMITS } from "~/models/workshops/schema";
import {
  formToText,
  parseWorkshopTextForm,
  postedFormValues,
  textToFormValues,
  WorkshopTextSchema,
  type WorkshopFormValues,
} from "~/models/workshops/editor-forms";
import { requireRole } from "~/utils/auth.server";
import { newId } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { isLocale } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";

export { WorkshopTextSchema };
export const links = workshopLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "editor");
  const workshop = await getWorkshopBySlug(db, params.slug ?? "");
  if (!workshop) notFound();
  const lang = new URL(request.url).searchParams.get("lang");
  const language: Locale = isLocale(lang) ? lang : "es";
  const [draft, published] = await Promise.all([
    getVersionWithStatus(db, workshop.id, "draft"),
    getVersionWithStatus(db, workshop.id, "published"),
  ]);
  const source = draft ?? published;
  const texts = source ? ((await loadTexts(db, [source.id])).get(source.id) ?? {}) : {};
  return json({
    slug: workshop.slug,
    language,
    draftVersion: draft?.version ?? null,
    basedOn: draft ? null : (published?.version ?? null),
    values: textToFormValues(language, texts[language] ?? null),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const workshop = await getWorkshopBySlug(db, params.slug ?? "");
  if (!workshop) notFound();
  const formData = await request.formData();
  const posted = formData.get("language");
  const language: Locale = isLocale(posted) ? posted : "es";
  const reply = (errors: FieldErrors) =>
    json({ ok: false as const, errors, values: postedFormValues(formData, language), revision: newId() }, { status: 400 });
  const parsed = parseWorkshopTextForm(formData);
  if (!parsed.success) return reply(parsed.errors);
  const saved = await saveDraftText(db, {
    workshopId: workshop.id,
    language: parsed.data.language,
    text: formToText(parsed.data),
    actorId: user.id,
  });
  if (!saved.ok) return reply(saved.errors);
  return redirectWithToast(`/manage/workshops/${workshop.slug}`, {
    message: "workshops.toasts.draftSaved",
    values: { version: saved.version },
  });
}

interface FieldBinding {
  registration: UseFormRegisterReturn;
  error?: string;
  defaultValue?: string;
}

function TextEditor({ values, serverErrors }: { values: WorkshopFormValues; serverErrors?: FieldErrors }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(WorkshopTextSchema, { serverErrors, defaultValues: values as never });
  const field = (name: string): FieldBinding => {
    const value = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
    return { registration: register(name as "title"), error: errorFor(name), defaultValue: typeof value === "string" ? value : undefined };
  };
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <FormError
        error={serverErrors?.[""] ?? (serverErrors && Object.keys(serverErrors).length ? "workshops.errors.fixFields" : undefined)}
      />
      <input type="hidden" {...register("language")} defaultValue={values.language} />
      <TextInput label={t("workshops.edit.title")} maxLength={LIMITS.title} {...field("title")} />
      <TextArea label={t("workshops.edit.summary")} rows={2} maxLength={LIMITS.summary} {...field("summary")} />
      <TextArea label={t("workshops.edit.introduction")} hint={t("workshops.edit.markdownHint")} rows={5} {...field("introduction")} />

      <h2>{t("workshops.edit.lessonsHeading")}</h2>
      <p className="hint">{t("workshops.edit.slotsHint")}</p>
      <FormError error={errorFor("lessons")} />
      {values.lessons.map((_, i) => (
        <fieldset key={i} className="workshop-slot">
          <legend>{t("workshops.edit.lessonN", { n: i + 1 })}</legend>
          <TextInput label={t("workshops.edit.lessonTitle")} maxLength={LIMITS.lessonTitle} {...field(`lessons.${i}.title`)} />
          <TextArea
            label={t("workshops.edit.lessonBody")}
            hint={t("workshops.edit.markdownHint")}
            rows={8}
            {...field(`lessons.${i}.body`)}
          />
        </fieldset>
      ))}

      <h2>{t("workshops.edit.casesHeading")}</h2>
      <FormError error={errorFor("caseStudies")} />
      {values.caseStudies.map((c, i) => (
        <fieldset key={i} className="workshop-slot">
          <legend>{t("workshops.edit.caseN", { n: i + 1 })}</legend>
          <TextInput label={t("workshops.edit.caseTitle")} maxLength={LIMITS.caseTitle} {...field(`caseStudies.${i}.title`)} />
          <Select
            label={t("workshops.edit.outcome")}
            registration={register(`caseStudies.${i}.outcome` as "title")}
            defaultValue={c.outcome}
          >
            <option value="success">{t("workshops.cases.success")}</option>
            <option value="failure">{t("workshops.cases.failure")}</option>
          </Select>
          <TextArea
            label={t("workshops.edit.caseBody")}
            hint={t("workshops.edit.markdownHint")}
            rows={5}
            {...field(`caseStudies.${i}.body`)}
          />
        </fieldset>
      ))}

      <h2>{t("workshops.edit.quizHeading")}</h2>
      <p className="hint">{t("workshops.edit.quizHint")}</p>
      <FormError error={errorFor("quiz")} />
      {values.quiz.map((q, i) => (
        <fieldset key={i} className="workshop-slot">
          <legend>{t("workshops.edit.questionN", { n: i + 1 })}</legend>
          <TextInput label={t("workshops.edit.question")} maxLength={LIMITS.question} {...field(`quiz.${i}.question`)} />
          <Select label={t("workshops.edit.kind")} registration={register(`quiz.${i}.kind` as "title")} defaultValue={q.kind}>
            <option value="single">{t("workshops.edit.kinds.single")}</option>
            <option value="multiple">{t("workshops.edit.kinds.multiple")}</option>
          </Select>
          <TextArea label={t("workshops.edit.options")} hint={t("workshops.edit.optionsHint")} rows={4} {...field(`quiz.${i}.options`)} />
          <TextArea
            label={t("workshops.edit.explanation")}
            hint={t("workshops.edit.explanationHint")}
            rows={2}
            maxLength={LIMITS.explanation}
            {...field(`quiz.${i}.explanation`)}
          />
        </fieldset>
      ))}
      <button type="submit" disabled={navigation.state !== "idle"}>
        {t("workshops.edit.save")}
      </button>
    </Form>
  );
}

export default function EditWorkshopPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? data.values;
  return (
    <>
      <DraftEditorHeader
        feature="workshops"
        slug={data.slug}
        language={data.language}
        draftVersion={data.draftVersion}
        basedOn={data.basedOn}
        tabsLabel={t("workshops.manage.languages")}
        tabName={(l) => t(`workshops.languageNames.${l}`)}
      />
      <TextEditor key={`${data.language}-${actionData?.revision ?? "start"}`} values={values} serverErrors={actionData?.errors} />
    </>
  );
}
