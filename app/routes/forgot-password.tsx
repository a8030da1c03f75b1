import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { requestPasswordReset } from "~/models/people/password-reset.server";
import { requireAnonymous } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { emailField } from "~/utils/form-fields";
import { clientIp, invalid, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { assertSameOrigin } from "~/utils/origin.server";

export const ForgotPasswordSchema = z.object({ email: emailField() });

export const meta: MetaFunction = () => [{ title: "Altavoz" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await requireAnonymous(request);
  const parsed = parseFormData(ForgotPasswordSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  await requestPasswordReset(db, {
    email: parsed.data.email,
    ip: clientIp(context),
    origin: requestOrigin(request),
    locale: await resolveLocale(request),
  });
  // The same answer whether or not the address has an account, and whether or not it was throttled.
  return json({ ok: true as const, email: parsed.data.email });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const serverErrors = actionData && !actionData.ok ? actionData.errors : undefined;
  const { onSubmit, register, errorFor } = useValidatedForm(ForgotPasswordSchema, { serverErrors });
  return (
    <section className="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("passwordReset.requestTitle")}</h1>
      {actionData?.ok ? (
        <p role="status">{t("passwordReset.requested", { email: actionData.email })}</p>
      ) : (
        <>
          <p>{t("passwordReset.requestIntro")}</p>
          <FormError error={serverErrors?.[""]} />
          <Form method="post" onSubmit={onSubmit} noValidate>
            <TextInput
              label={t("auth.fields.email")}
              type="email"
              autoComplete="email"
              registration={register("email")}
              error={errorFor("email")}
            />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("passwordReset.requestSubmit")}
            </button>
          </Form>
        </>
      )}
      <p className="hint">
        <Link to="/login">{t("passwordReset.backToLogin")}</Link>
      </p>
    </section>
  );
}
