import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Select, TextArea, TextInput, useValidatedForm } from "~/components/forms";
import { answeringRules } from "~/models/conversations/guideline-rules.server";
import { CONVERSATION_KINDS, CONVERSATION_NETWORKS } from "~/models/conversations/kinds";
import { MAX_HANDLE, MAX_NOTE, ReportSchema } from "~/models/conversations/report-schema";
import { reportConversation } from "~/models/conversations/report.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formDataToObject, parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export { ReportSchema };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user.locale);
  return json({ guideline: await answeringRules(db, locale) });
}

/** What was typed, so a refused form comes back filled in (with or without JavaScript). */
const typed = (formData: FormData) =>
  Object.fromEntries(
    Object.entries(formDataToObject(formData))
      .filter(([, v]) => typeof v === "string")
      .map(([k, v]) => [k, String(v).slice(0, 3000)]),
  );

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseFormData(ReportSchema, formData);
  if (!parsed.success) return invalid(parsed.errors, { values: typed(formData) });
  const result = await reportConversation(db, user.id, parsed.data);
  if (!result.ok) return invalid({ url: result.error }, { values: typed(formData) });
  return redirectWithToast("/conversations", { message: result.joined ? "conversations.toasts.joined" : "conversations.toasts.reported" });
}

function GuidelineAside() {
  const { t } = useTranslation();
  const { guideline } = useLoaderData<typeof loader>();
  return (
    <aside className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t("conversations.report.rulesTitle")}</h2>
      <p className="hint">{t("conversations.report.rulesIntro")}</p>
      {guideline ? (
        <>
          <ul>
            {guideline.rules.map((rule) => (
              <li key={rule.title}>
                <strong>{rule.title}</strong>
                {rule.do.length ? <p className="hint">✓ {rule.do.join(" · ")}</p> : null}
                {rule.dont.length ? <p className="hint">✗ {rule.dont.join(" · ")}</p> : null}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/guidelines/${guideline.slug}`}>{t("conversations.report.readGuideline", { title: guideline.title })}</Link>
          </p>
        </>
      ) : (
        <p>{t("conversations.report.noGuideline")}</p>
      )}
    </aside>
  );
}

export default function ReportConversationPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = actionData?.errors;
  const values = (actionData && "values" in actionData ? actionData.values : {}) as Record<string, string>;
  const { onSubmit, register, errorFor } = useValidatedForm(ReportSchema, {
    serverErrors,
    defaultValues: {
      url: values.url ?? "",
      network: (values.network as "auto") ?? "auto",
      kind: values.kind as "complaint",
      note: values.note ?? "",
      handle: values.handle ?? "",
      answeredPublicly: values.answeredPublicly === "on",
    },
  });
  return (
    <>
      <h1>{t("conversations.report.title")}</h1>
      <p className="hint">{t("conversations.report.intro")}</p>
      <p className="notice" data-testid="public-only">
        {t("conversations.report.publicOnly")}
      </p>
      <div className="two-columns">
        <section className="card" aria-labelledby="report-form-title">
          <h2 id="report-form-title" className="visually-hidden">
            {t("conversations.report.title")}
          </h2>
          <FormError error={serverErrors?.[""]} />
          <Form method="post" onSubmit={onSubmit} noValidate>
            <TextInput
              label={t("conversations.report.url")}
              hint={t("conversations.report.urlHint")}
              type="url"
              inputMode="url"
              placeholder="https://"
              autoComplete="off"
              registration={register("url")}
              error={errorFor("url")}
            />
            <Select label={t("conversations.report.kind")} registration={register("kind")} error={errorFor("kind")}>
              <option value="">{t("conversations.report.choose")}</option>
              {CONVERSATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`conversations.kinds.${kind}`)}
                </option>
              ))}
            </Select>
            <Select label={t("conversations.report.network")} registration={register("network")} error={errorFor("network")}>
              <option value="auto">{t("conversations.report.networkAuto")}</option>
              {CONVERSATION_NETWORKS.map((network) => (
                <option key={network} value={network}>
                  {t(`conversations.networks.${network}`)}
                </option>
              ))}
            </Select>
            <TextArea
              label={t("conversations.report.note")}
              hint={t("conversations.report.noteHint", { max: MAX_NOTE })}
              rows={3}
              maxLength={MAX_NOTE}
              registration={register("note")}
              error={errorFor("note")}
            />
            <TextInput
              label={t("conversations.report.handle")}
              hint={t("conversations.report.handleHint")}
              maxLength={MAX_HANDLE}
              autoComplete="off"
              registration={register("handle")}
              error={errorFor("handle")}
            />
            <label className="checkbox">
              <input type="checkbox" {...register("answeredPublicly")} defaultChecked={values.answeredPublicly === "on"} />{" "}
              {t("conversations.report.answeredPublicly")}
            </label>
            <p>
              <button type="submit" disabled={navigation.state !== "idle"}>
                {t("conversations.report.send")}
              </button>
            </p>
          </Form>
        </section>
        <GuidelineAside />
      </div>
    </>
  );
}
