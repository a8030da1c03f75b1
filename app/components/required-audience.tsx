import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, useValidatedForm } from "~/components/forms";
import { AudienceSchema } from "~/models/onboarding/audience-form";
import type { FieldErrors } from "~/utils/forms";

interface Choice {
  id: string;
  name: string;
}

export interface RequiredAudienceProps {
  departments: Choice[];
  cohorts: Choice[];
  chosen: { departmentIds: string[]; cohortIds: string[] };
  /** The action's field errors, if it refused (the page shows those of the whole form). */
  errors?: FieldErrors;
}

type Saved = Pick<RequiredAudienceProps, "departments" | "cohorts" | "chosen">;

/** "Required of everyone." or "Required of: " the chosen departments, then waves, as one list in the reader's language. */
export function AudienceSentence({ departments, cohorts, chosen }: Saved) {
  const { t, i18n } = useTranslation();
  const names = [
    ...departments.filter((d) => chosen.departmentIds.includes(d.id)),
    ...cohorts.filter((c) => chosen.cohortIds.includes(c.id)),
  ].map((choice) => choice.name);
  return names.length
    ? t("onboarding.audience.some", { names: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(names) })
    : t("onboarding.audience.everyone");
}

/**
 * Who a required guideline or workshop is required of: the saved choice in a sentence, and boxes for the
 * departments and programme waves (none ticked: everyone). A plain form, so it works without JavaScript.
 */
export function RequiredAudience(props: RequiredAudienceProps) {
  const { departments, cohorts, chosen, errors } = props;
  const { t } = useTranslation();
  const titleId = useId();
  const { onSubmit, register, errorFor } = useValidatedForm(AudienceSchema, { serverErrors: errors, defaultValues: chosen });
  const options = (choices: Choice[]) => choices.map((c) => ({ value: c.id, label: c.name }));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("onboarding.audience.title")}</h2>
      <p>
        <strong>
          <AudienceSentence departments={departments} cohorts={cohorts} chosen={chosen} />
        </strong>
      </p>
      {departments.length || cohorts.length ? (
        <Form method="post" onSubmit={onSubmit} noValidate>
          <p className="hint">{t("onboarding.audience.hint")}</p>
          {departments.length ? (
            <CheckboxGroup
              legend={t("onboarding.audience.departments")}
              registration={register("departmentIds")}
              error={errorFor("departmentIds")}
              options={options(departments)}
            />
          ) : null}
          {cohorts.length ? (
            <CheckboxGroup
              legend={t("onboarding.audience.cohorts")}
              registration={register("cohortIds")}
              error={errorFor("cohortIds")}
              options={options(cohorts)}
            />
          ) : null}
          <button type="submit" name="intent" value="audience" className="secondary">
            {t("onboarding.audience.save")}
          </button>
        </Form>
      ) : (
        <p className="hint">{t("onboarding.audience.noChoices")}</p>
      )}
    </section>
  );
}
