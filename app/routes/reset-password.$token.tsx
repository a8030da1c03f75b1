import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, useValidatedForm } from "~/components/forms";
import { NewPasswordFields } from "~/components/password-fields";
import { findOpenReset, resetPassword } from "~/models/people/password-reset.server";
import { startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { newPasswordFields, PASSWORDS_DIFFER, passwordsMatch } from "~/utils/form-fields";
import { passwordProblem } from "~/utils/password.server";
import { invalid } from "~/utils/http.server";
import { errorsOf } from "~/utils/action-result";
import { clearFailedLogins } from "~/utils/login-throttle.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { toastHeader } from "~/utils/toast.server";

const ResetPasswordSchema = z.object(newPasswordFields()).refine(passwordsMatch, PASSWORDS_DIFFER);

export const meta: MetaFunction = () => [{ title: "Altavoz" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findOpenReset(db, params.token ?? "");
  if (!reset) return json({ email: null }, { status: 410 });
  return json({ email: reset.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = parseFormData(ResetPasswordSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const reset = await findOpenReset(db, params.token ?? "");
  const weak = await passwordProblem(parsed.data.password, [reset?.email ?? ""]);
  if (weak) return invalid({ password: weak });
  const result = await resetPassword(db, params.token ?? "", parsed.data.password);
  if (!result.ok) return invalid({ "": "passwordReset.invalid" });
  // The person proved they hold the mailbox: the lock from earlier failed attempts no longer applies.
  await clearFailedLogins(result.email);
  return startSession(result.userId, "/", { "Set-Cookie": await toastHeader({ message: "passwordReset.done" }) });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(ResetPasswordSchema, { serverErrors });
  if (!email) {
    return (
      <section className="card narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">{t("passwordReset.invalidTitle")}</h1>
        <p>{t("passwordReset.invalid")}</p>
        <Link to="/forgot-password">{t("passwordReset.requestAgain")}</Link>
      </section>
    );
  }
  return (
    <section className="card narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("passwordReset.resetTitle")}</h1>
      <p>{t("passwordReset.resetIntro", { email })}</p>
      <FormError error={serverErrors?.[""]} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <NewPasswordFields register={register} errorFor={errorFor} replacing />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("passwordReset.resetSubmit")}
        </button>
      </Form>
    </section>
  );
}
