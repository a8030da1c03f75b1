import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Select, TextArea, TextInput, useErrorText, useValidatedForm } from "~/components/forms";
import { ContentSchema, shareField, type ContentFormValues } from "~/models/content/schema";
import { EMAIL_SUBJECT_LIMIT, NETWORK_LIMITS, parseHashtags, shareLength } from "~/models/content/text";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { EXTRA_VARIANTS, variantField } from "~/models/content/share-variants";
import type { FieldErrors } from "~/utils/forms";

type FieldName = Exclude<keyof ContentFormValues, "departmentIds" | "cohortIds" | "intent" | "notifyNow">;

interface Option {
  id: string;
  name: string;
}

export interface ContentFormProps {
  defaults: Record<string, string | string[]>;
  departments: Option[];
  /** Programme waves the item can be meant for, besides departments. */
  cohorts?: Option[];
  campaigns: Option[];
  timeZone: string;
  serverErrors?: FieldErrors;
  cancelTo: string;
  /** Shown above the buttons, e.g. that saving an approved item sends it back to review. */
  notice?: string;
  /** This week's urgent alerts, shown by the "notify now" box. */
  urgent: { used: number; cap: number };
  /** The disclosure each network's post gets (admin's guardrails), counted in its length. */
  disclosures?: Partial<Record<ShareNetwork, string>>;
}

function Counter({
  network,
  text,
  hashtags,
  disclosure,
}: {
  network: ShareNetwork;
  text: string;
  hashtags: string[];
  disclosure: string | null;
}) {
  const { t } = useTranslation();
  if (!text.trim()) return <>{t("content.form.emptyNetwork")}</>;
  const remaining = NETWORK_LIMITS[network] - shareLength(network, text, hashtags, disclosure);
  return (
    <span className={remaining < 0 ? "counter counter-over" : "counter"}>
      {remaining < 0 ? t("content.form.over", { count: -remaining }) : t("content.form.remaining", { count: remaining })}
      {disclosure ? ` (${t("content.form.countsDisclosure", { disclosure })})` : null}
    </span>
  );
}

/** The editor's form for new and existing items; share texts show how much room each network leaves. */
export function ContentForm({
  defaults,
  departments,
  cohorts = [],
  campaigns,
  timeZone,
  serverErrors,
  cancelTo,
  notice,
  urgent,
  disclosures = {},
}: ContentFormProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, onSubmit, register, errorFor } = useValidatedForm(ContentSchema, { serverErrors, defaultValues: defaults });
  const watched = form.watch();
  const hashtags = parseHashtags(String(watched.hashtags ?? "")) ?? [];
  const busy = navigation.state !== "idle";
  const errorText = useErrorText();
  const departmentError = errorText(errorFor("departmentIds"));
  const selected = defaults.departmentIds;
  const selectedDepartments = Array.isArray(selected) ? selected : selected ? [selected] : [];
  const chosenCohorts = defaults.cohortIds;
  const selectedCohorts = Array.isArray(chosenCohorts) ? chosenCohorts : chosenCohorts ? [chosenCohorts] : [];
  const cohortError = errorText(errorFor("cohortIds"));
  // The starting value is also rendered into the HTML, so the form is filled in before (or without) JavaScript.
  const field = (name: FieldName) => {
    const value = defaults[name];
    return { registration: register(name), error: errorFor(name), defaultValue: typeof value === "string" ? value : undefined };
  };
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <FormError error={serverErrors?.[""]} />
      <section className="card" aria-labelledby="content-main">
        <h2 id="content-main">{t("content.form.mainSection")}</h2>
        <TextInput label={t("content.fields.title")} {...field("title")} maxLength={140} />
        <TextArea label={t("content.fields.commentary")} hint={t("content.form.commentaryHint")} rows={5} {...field("commentary")} />
        <div className="form-grid">
          <TextInput
            label={t("content.fields.destinationUrl")}
            type="url"
            inputMode="url"
            placeholder="https://"
            {...field("destinationUrl")}
          />
          <TextInput
            label={t("content.fields.imageUrl")}
            hint={t("content.form.optional")}
            type="url"
            inputMode="url"
            placeholder="https://"
            {...field("imageUrl")}
          />
          <Select label={t("content.fields.language")} {...field("language")}>
            <option value="es">{t("content.languages.es")}</option>
            <option value="en">{t("content.languages.en")}</option>
          </Select>
          <Select label={t("content.fields.campaign")} {...field("campaignId")}>
            <option value="">{t("content.form.noCampaign")}</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
          <TextInput label={t("content.fields.topics")} hint={t("content.form.topicsHint")} {...field("topics")} />
          <TextInput label={t("content.fields.hashtags")} hint={t("content.form.hashtagsHint")} {...field("hashtags")} />
        </div>
      </section>

      <section className="card" aria-labelledby="content-audience">
        <h2 id="content-audience">{t("content.form.audienceSection")}</h2>
        <fieldset className="field" aria-describedby="audience-hint">
          <legend>{t("content.fields.audience")}</legend>
          {departments.map((d) => (
            <label key={d.id} className="checkbox">
              <input type="checkbox" value={d.id} defaultChecked={selectedDepartments.includes(d.id)} {...register("departmentIds")} />{" "}
              {d.name}
            </label>
          ))}
          {departmentError ? (
            <p className="field-error" role="alert">
              {departmentError}
            </p>
          ) : null}
        </fieldset>
        {cohorts.length ? (
          <fieldset className="field">
            <legend>{t("cohorts.audience")}</legend>
            {cohorts.map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" value={c.id} defaultChecked={selectedCohorts.includes(c.id)} {...register("cohortIds")} /> {c.name}
              </label>
            ))}
            {cohortError ? (
              <p className="field-error" role="alert">
                {cohortError}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <p id="audience-hint" className="hint">
          {t("content.form.audienceHint")}
        </p>
        <div className="form-grid">
          <TextInput
            label={t("content.fields.publishAt")}
            hint={t("content.form.publishHint", { zone: timeZone })}
            type="datetime-local"
            {...field("publishAt")}
          />
          <TextInput
            label={t("content.fields.expireAt")}
            hint={t("content.form.expireHint", { zone: timeZone })}
            type="datetime-local"
            {...field("expireAt")}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            value="1"
            defaultChecked={defaults.notifyNow === "1"}
            aria-describedby="notify-now-hint"
            {...register("notifyNow")}
          />{" "}
          {t("delivery.content.notifyNow")}
        </label>
        <p id="notify-now-hint" className="hint">
          {t("delivery.content.notifyNowHelp", urgent)}
        </p>
      </section>

      <section className="card" aria-labelledby="content-share">
        <h2 id="content-share">{t("content.form.shareSection")}</h2>
        <p className="hint">{t("content.form.shareHint")}</p>
        {SHARE_NETWORKS.map((network) => {
          const name = shareField(network);
          return (
            <div key={network}>
              {network === "email" ? (
                <TextInput label={t("content.form.emailSubject")} maxLength={EMAIL_SUBJECT_LIMIT} {...field("share_email_subject")} />
              ) : null}
              <TextArea
                label={t(`content.networks.${network}`)}
                rows={network === "x" ? 3 : 4}
                hint={
                  <Counter
                    network={network}
                    text={String(watched[name] ?? "")}
                    hashtags={hashtags}
                    disclosure={disclosures[network] ?? null}
                  />
                }
                {...field(name)}
              />
              <details
                className="share-variant-fields"
                open={EXTRA_VARIANTS.some((v) => Boolean(defaults[variantField(network, v)] || errorFor(variantField(network, v))))}
              >
                <summary>{t("results.variants.formSummary", { network: t(`content.networks.${network}`) })}</summary>
                {EXTRA_VARIANTS.map((variant) => (
                  <TextArea
                    key={variant}
                    label={t("results.variants.label", { network: t(`content.networks.${network}`), number: variant })}
                    rows={network === "x" ? 3 : 4}
                    hint={
                      <Counter
                        network={network}
                        text={String(watched[variantField(network, variant)] ?? "")}
                        hashtags={hashtags}
                        disclosure={disclosures[network] ?? null}
                      />
                    }
                    {...field(variantField(network, variant))}
                  />
                ))}
              </details>
            </div>
          );
        })}
      </section>

      {notice ? (
        <p className="form-error" role="note">
          {notice}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" name="intent" value="save" disabled={busy}>
          {t("content.form.saveDraft")}
        </button>
        <button type="submit" name="intent" value="submit" className="secondary" disabled={busy}>
          {t("content.form.saveAndSubmit")}
        </button>
        <Link to={cancelTo}>{t("common.cancel")}</Link>
      </div>
    </Form>
  );
}
