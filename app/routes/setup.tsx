import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { NewPasswordFields } from "~/components/password-fields";
import { countUsers, createFirstAdmin } from "~/models/people/users.server";
import { startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { emailField, newPasswordFields, PASSWORDS_DIFFER, passwordsMatch, requiredText } from "~/utils/form-fields";
import { invalid } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { passwordProblem } from "~/utils/password.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { errorsOf } from "~/utils/action-result";

const SetupSchema = z
  .object({
    name: requiredText(120),
    email: emailField(),
    ...newPasswordFields(),
  })
  .refine(passwordsMatch, PASSWORDS_DIFFER);

/** /setup exists only while the installation has nobody in it. */
async function requireEmptyInstallation() {
  if ((await countUsers(db)) > 0) throw redirect("/login");
}

export async function loader(_: LoaderFunctionArgs) {
  await requireEmptyInstallation();
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await requireEmptyInstallation();
  const parsed = parseFormData(SetupSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const weak = await passwordProblem(parsed.data.password, [parsed.data.name, parsed.data.email]);
  if (weak) return invalid({ password: weak });
  const result = await createFirstAdmin(db, { ...parsed.data, locale: await resolveLocale(request) });
  if (!result.ok) return redirect("/login");
  return startSession(result.userId, "/");
}

export default function SetupPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(SetupSchema, { serverErrors });
  return (
    <section className="card narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">{t("auth.setup.title")}</h1>
      <p>{t("auth.setup.intro")}</p>
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <TextInput label={t("auth.fields.name")} autoComplete="name" registration={register("name")} error={errorFor("name")} />
        <TextInput
          label={t("auth.fields.email")}
          type="email"
          autoComplete="email"
          registration={register("email")}
          error={errorFor("email")}
        />
        <NewPasswordFields register={register} errorFor={errorFor} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.setup.submit")}
        </button>
      </Form>
    </section>
  );
}
