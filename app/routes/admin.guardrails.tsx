import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, Select, TextInput, useValidatedForm } from "~/components/forms";
import { TableWrap } from "~/components/ui/table-wrap";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import {
  addBlockedPhrase,
  decalogueRules,
  listBlockedPhrases,
  listDisclosures,
  MAX_DISCLOSURE_LENGTH,
  MAX_PHRASE_LENGTH,
  MAX_RULE_TEXT_LENGTH,
  removeBlockedPhrase,
  setDisclosures,
} from "~/models/sharing/guardrails.server";
import { errorsOf } from "~/utils/action-result";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requiredText } from "~/utils/form-fields";
import { parseFormData } from "~/utils/forms";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

const optionalText = (max: number) =>
  z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

export const PhraseSchema = z.object({
  phrase: requiredText(MAX_PHRASE_LENGTH),
  ruleNumber: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : Number(v)),
    z
      .number({ error: "validation.invalid" })
      .int("validation.invalid")
      .min(1, "validation.invalid")
      .max(99, "validation.invalid")
      .nullable(),
  ),
  ruleText: optionalText(MAX_RULE_TEXT_LENGTH),
});

const disclosureField = (network: ShareNetwork) => `disclosure_${network}` as const;
export const DisclosuresSchema = z.object(
  Object.fromEntries(SHARE_NETWORKS.map((n) => [disclosureField(n), optionalText(MAX_DISCLOSURE_LENGTH)])) as Record<
    `disclosure_${ShareNetwork}`,
    ReturnType<typeof optionalText>
  >,
);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const locale = await resolveLocale(request, user.locale);
  const [phrases, rules, disclosures] = await Promise.all([
    listBlockedPhrases(db, locale),
    decalogueRules(db, locale),
    listDisclosures(db),
  ]);
  return json({ phrases, rules, disclosures });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "remove") {
    await removeBlockedPhrase(db, user.id, String(formData.get("id") ?? ""));
    return redirectWithToast("/admin/guardrails", { message: "guardrails.admin.removed" });
  }
  if (intent === "add") {
    const parsed = parseFormData(PhraseSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const result = await addBlockedPhrase(db, user.id, { ...parsed.data, ruleText: parsed.data.ruleText || null });
    if (!result.ok) return invalid(result.errors);
    return redirectWithToast("/admin/guardrails", { message: "guardrails.admin.added" });
  }
  if (intent === "disclosures") {
    const parsed = parseFormData(DisclosuresSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    const result = await setDisclosures(db, user.id, Object.fromEntries(SHARE_NETWORKS.map((n) => [n, parsed.data[disclosureField(n)]])));
    if (!result.ok) return invalid(result.errors);
    return redirectWithToast("/admin/guardrails", { message: "guardrails.admin.disclosuresSaved" });
  }
  return invalid({ "": "validation.invalid" });
}

function PhrasesTable({ phrases }: { phrases: { id: string; phrase: string; rule: string | null }[] }) {
  const { t } = useTranslation();
  if (!phrases.length) return <p>{t("guardrails.admin.noPhrases")}</p>;
  return (
    <TableWrap>
      <table>
        <caption className="visually-hidden">{t("guardrails.admin.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("guardrails.admin.phrase")}</th>
            <th scope="col">{t("guardrails.admin.rule")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("guardrails.admin.remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {phrases.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.phrase}</th>
              <td>{p.rule ?? t("guardrails.admin.noRule")}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="id" value={p.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className="secondary"
                    aria-label={t("guardrails.admin.removeLabel", { phrase: p.phrase })}
                  >
                    {t("guardrails.admin.remove")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function GuardrailsAdminPage() {
  const { t } = useTranslation();
  const { phrases, rules, disclosures } = useLoaderData<typeof loader>();
  const serverErrors = errorsOf(useActionData<typeof action>());
  const phraseForm = useValidatedForm(PhraseSchema, { serverErrors });
  const disclosureForm = useValidatedForm(DisclosuresSchema, {
    serverErrors,
    defaultValues: Object.fromEntries(SHARE_NETWORKS.map((n) => [disclosureField(n), disclosures[n] ?? ""])),
  });
  return (
    <>
      <h1>{t("guardrails.admin.title")}</h1>
      <p className="hint">{t("guardrails.admin.intro")}</p>
      <FormError error={serverErrors?.[""]} />
      <section className="card" aria-labelledby="phrases-title">
        <h2 id="phrases-title">{t("guardrails.admin.phrasesTitle")}</h2>
        <p className="hint">{t("guardrails.admin.phrasesHint")}</p>
        <PhrasesTable phrases={phrases} />
        <h3 id="add-phrase-title">{t("guardrails.admin.addTitle")}</h3>
        <Form method="post" onSubmit={phraseForm.onSubmit} noValidate aria-labelledby="add-phrase-title">
          <TextInput
            label={t("guardrails.admin.phrase")}
            registration={phraseForm.register("phrase")}
            error={phraseForm.errorFor("phrase")}
          />
          {rules.length ? (
            <Select
              label={t("guardrails.admin.ruleNumber")}
              registration={phraseForm.register("ruleNumber")}
              error={phraseForm.errorFor("ruleNumber")}
            >
              <option value="">{t("guardrails.admin.ruleNone")}</option>
              {rules.map((r) => (
                <option key={r.number} value={r.number}>
                  {r.number}. {r.title}
                </option>
              ))}
            </Select>
          ) : (
            <p className="hint">{t("guardrails.admin.noDecalogue")}</p>
          )}
          <TextInput
            label={t("guardrails.admin.ruleText")}
            hint={t("guardrails.admin.ruleTextHint")}
            registration={phraseForm.register("ruleText")}
            error={phraseForm.errorFor("ruleText")}
          />
          <button type="submit" name="intent" value="add">
            {t("guardrails.admin.add")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="disclosures-title">
        <h2 id="disclosures-title">{t("guardrails.admin.disclosuresTitle")}</h2>
        <p className="hint">{t("guardrails.admin.disclosuresHint")}</p>
        <Form method="post" onSubmit={disclosureForm.onSubmit} noValidate>
          {SHARE_NETWORKS.map((n) => (
            <TextInput
              key={n}
              label={t(`scoring.networks.${n}`)}
              defaultValue={disclosures[n] ?? ""}
              registration={disclosureForm.register(disclosureField(n))}
              error={disclosureForm.errorFor(disclosureField(n))}
            />
          ))}
          <button type="submit" name="intent" value="disclosures">
            {t("guardrails.admin.saveDisclosures")}
          </button>
        </Form>
      </section>
    </>
  );
}
