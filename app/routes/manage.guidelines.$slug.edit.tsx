import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { FormEvent } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { DraftEditorHeader } from "~/components/drafts";
import type { Locale } from "#db/schema";
import { FormError, TextArea, TextInput, useValidatedForm } from "~/components/forms";
import { guidelineLinks } from "~/components/guideline";
import { editorStartingPoint } from "~/models/guidelines/versions.server";
import { getDocumentBySlug } from "~/models/guidelines/documents.server";
import { saveDraftText } from "~/models/guidelines/versions.server";
import {
  GuidelineTextSchema,
  MAX_RULES,
  MIN_RULES,
  parseGuidelineTextForm,
  postedFormValues,
  textToFormValues,
  type GuidelineFormValues,
} from "~/models/guidelines/schema";
import { requireRole } from "~/utils/auth.server";
import { newId } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { isLocale } from "~/utils/i18n";
import { redirectWithToast } from "~/utils/toast.server";

export { GuidelineTextSchema };
export const links = guidelineLinks;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "editor");
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const lang = new URL(request.url).searchParams.get("lang");
  const language: Locale = isLocale(lang) ? lang : "es";
  const start = await editorStartingPoint(db, document.id, language);
  const slots = start.text ? undefined : start.reference?.rules.length;
  return json({
    slug: document.slug,
    language,
    draftVersion: start.draftVersion,
    basedOn: start.basedOn,
    values: textToFormValues(language, start.text, slots),
    reference: start.reference
      ? { language: start.referenceLanguage, title: start.reference.title, ruleTitles: start.reference.rules.map((r) => r.title) }
      : null,
  });
}

/**
 * "save" checks and saves the text into the draft. "addRule" and "removeRule:<n>" only change the form's
 * rule slots and send it back (nothing is saved), so the editor works the same without JavaScript.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "editor");
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const formData = await request.formData();
  const posted = formData.get("language");
  const language: Locale = isLocale(posted) ? posted : "es";
  const values = postedFormValues(formData, language);
  const intent = String(formData.get("intent") ?? "save");
  const reply = (errors: FieldErrors, status: number, form: GuidelineFormValues = values) =>
    json({ ok: false as const, errors, values: form, revision: newId() }, { status });
  if (intent === "addRule") {
    if (values.rules.length < MAX_RULES) values.rules.push({ title: "", body: "", do: "", dont: "" });
    return reply({}, 200);
  }
  const remove = /^removeRule:(\d+)$/.exec(intent);
  if (remove) {
    if (values.rules.length > MIN_RULES) values.rules.splice(Number(remove[1]), 1);
    return reply({}, 200);
  }
  const parsed = parseGuidelineTextForm(formData);
  if (!parsed.success) return reply(parsed.errors, 400);
  const saved = await saveDraftText(db, { documentId: document.id, language: parsed.data.language, text: parsed.data, actorId: user.id });
  if (!saved.ok) return reply(saved.errors, 400);
  return redirectWithToast(`/manage/guidelines/${document.slug}`, {
    message: "guidelines.toasts.draftSaved",
    values: { version: saved.version },
  });
}

interface FieldBinding {
  registration: UseFormRegisterReturn;
  error?: string;
  defaultValue?: string;
}

function RuleSlot({
  index,
  count,
  reference,
  field,
}: {
  index: number;
  count: number;
  reference?: string;
  field: (name: string) => FieldBinding;
}) {
  const { t } = useTranslation();
  const f = (name: string) => field(`rules.${index}.${name}`);
  return (
    <fieldset className="rule-slot">
      <legend>{t("guidelines.edit.ruleN", { n: index + 1 })}</legend>
      <TextInput
        label={t("guidelines.edit.ruleTitle")}
        hint={reference ? t("guidelines.edit.reference", { text: reference }) : undefined}
        maxLength={140}
        {...f("title")}
      />
      <TextArea label={t("guidelines.edit.ruleBody")} hint={t("guidelines.edit.markdownHint")} rows={4} {...f("body")} />
      <div className="form-grid">
        <TextArea label={t("guidelines.edit.do")} hint={t("guidelines.edit.examplesHint")} rows={3} {...f("do")} />
        <TextArea label={t("guidelines.edit.dont")} hint={t("guidelines.edit.examplesHint")} rows={3} {...f("dont")} />
      </div>
      <button type="submit" name="intent" value={`removeRule:${index}`} className="secondary button-small" disabled={count <= MIN_RULES}>
        {t("guidelines.edit.removeRule", { n: index + 1 })}
      </button>
    </fieldset>
  );
}

function TextEditor({
  values,
  serverErrors,
  referenceTitles,
}: {
  values: GuidelineFormValues;
  serverErrors?: FieldErrors;
  referenceTitles: string[];
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(GuidelineTextSchema, { serverErrors, defaultValues: values });
  // The starting value is rendered into the HTML too, so the form is filled in before (or without) JavaScript.
  const field = (name: string): FieldBinding => {
    const value = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
    return { registration: register(name as "title"), error: errorFor(name), defaultValue: typeof value === "string" ? value : undefined };
  };
  // Adding or removing a rule slot is not a save: it skips the browser-side check and lets the server redraw the form.
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name === "intent" && submitter.value !== "save") return;
    void onSubmit(event);
  };
  const count = values.rules.length;
  return (
    <Form method="post" onSubmit={handleSubmit} noValidate>
      <FormError
        error={serverErrors?.[""] ?? (serverErrors && Object.keys(serverErrors).length ? "guidelines.errors.fixFields" : undefined)}
      />
      <input type="hidden" {...register("language")} defaultValue={values.language} />
      <TextInput label={t("guidelines.edit.title")} maxLength={140} {...field("title")} />
      <TextArea label={t("guidelines.edit.introduction")} hint={t("guidelines.edit.markdownHint")} rows={6} {...field("introduction")} />
      <h2>{t("guidelines.edit.rulesHeading", { count })}</h2>
      <p className="hint">{t("guidelines.edit.rulesHint", { min: MIN_RULES, max: MAX_RULES })}</p>
      {values.rules.map((_, i) => (
        <RuleSlot key={i} index={i} count={count} reference={referenceTitles[i]} field={field} />
      ))}
      <FormError error={errorFor("rules") ?? errorFor("rules.root")} />
      <div className="actions">
        <button type="submit" name="intent" value="addRule" className="secondary" disabled={count >= MAX_RULES}>
          {t("guidelines.edit.addRule")}
        </button>
        <button type="submit" name="intent" value="save" disabled={navigation.state !== "idle"}>
          {t("guidelines.edit.save")}
        </button>
      </div>
    </Form>
  );
}

export default function EditGuidelinePage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? data.values;
  return (
    <>
      <DraftEditorHeader
        feature="guidelines"
        slug={data.slug}
        language={data.language}
        draftVersion={data.draftVersion}
        basedOn={data.basedOn}
        tabsLabel={t("guidelines.edit.languageTabs")}
        tabName={(l) => t(`guidelines.languages.${l}`)}
      />
      <TextEditor
        key={`${data.language}-${actionData?.revision ?? "start"}`}
        values={values}
        serverErrors={actionData?.errors}
        referenceTitles={data.reference?.ruleTitles ?? []}
      />
    </>
  );
}
