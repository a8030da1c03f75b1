import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextArea, TextInput, useValidatedForm } from "~/components/forms";
import { CampaignSchema } from "~/models/content/campaign-schema";
import type { FieldErrors } from "~/utils/forms";

type FieldName =
  | "name"
  | "description"
  | "goal"
  | "goalShares"
  | "goalUniqueClicks"
  | "goalConversions"
  | "budget"
  | "budgetCurrency"
  | "startsOn"
  | "endsOn";

export function CampaignForm({
  defaults = {},
  serverErrors,
  submitLabel,
  cancelTo,
}: {
  defaults?: Record<string, string | string[]>;
  serverErrors?: FieldErrors;
  submitLabel: string;
  cancelTo?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { onSubmit, register, errorFor } = useValidatedForm(CampaignSchema, { serverErrors, defaultValues: defaults });
  // Starting values are rendered into the HTML too, so the form is filled in without JavaScript.
  const field = (name: FieldName) => {
    const value = defaults[name];
    return { registration: register(name), error: errorFor(name), defaultValue: typeof value === "string" ? value : undefined };
  };
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      <input type="hidden" name="intent" value="save" />
      <TextInput label={t("content.campaigns.name")} maxLength={120} {...field("name")} />
      <TextArea label={t("content.campaigns.description")} rows={3} {...field("description")} />
      <div className="form-grid">
        <TextInput label={t("content.campaigns.startsOn")} type="date" {...field("startsOn")} />
        <TextInput label={t("content.campaigns.endsOn")} type="date" {...field("endsOn")} />
        <TextInput label={t("content.campaigns.goal")} hint={t("content.campaigns.goalHint")} {...field("goal")} />
        <TextInput
          label={t("content.campaigns.goalShares")}
          hint={t("content.campaigns.goalSharesHint")}
          type="number"
          min={1}
          {...field("goalShares")}
        />
        <TextInput
          label={t("results.goals.uniqueClicks")}
          hint={t("results.goals.optional")}
          type="number"
          min={1}
          {...field("goalUniqueClicks")}
        />
        <TextInput
          label={t("results.goals.conversions")}
          hint={t("results.goals.optional")}
          type="number"
          min={1}
          {...field("goalConversions")}
        />
        <TextInput label={t("results.budget.amount")} hint={t("results.budget.amountHint")} inputMode="decimal" {...field("budget")} />
        <TextInput
          label={t("results.budget.currency")}
          hint={t("results.budget.currencyHint")}
          maxLength={3}
          {...field("budgetCurrency")}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={navigation.state !== "idle"}>
          {submitLabel}
        </button>
        {cancelTo ? <Link to={cancelTo}>{t("common.cancel")}</Link> : null}
      </div>
    </Form>
  );
}
