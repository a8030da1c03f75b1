import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";
import { FormError, TextInput, useValidatedForm } from "~/components/forms";
import { countUsers, findUserByEmail } from "~/models/people/users.server";
import { requireAnonymous, safeRedirect, startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { emailField } from "~/utils/form-fields";
import { clientIp, invalid, requestOrigin } from "~/utils/http.server";
import { endSessionUrl } from "~/models/identity/oidc.server";
import { activeSsoConfig, passwordSignInAllowed } from "~/models/identity/sso-config.server";
import { clearFailedLogins, loginRetryAfter, recordFailedLogin } from "~/utils/login-throttle.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { verifyPassword } from "~/utils/password.server";
import { errorsOf } from "~/utils/action-result";

const LoginSchema = z.object({
  email: emailField(),
  password: z.string({ error: "validation.required" }).min(1, "validation.required").max(200, "validation.tooLong"),
  redirectTo: z.string().max(2000).optional(),
});

export const meta: MetaFunction = () => [{ title: "Altavoz" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  if ((await countUsers(db)) === 0) throw redirect("/setup");
  const sso = await activeSsoConfig(db);
  const signedOut = new URL(request.url).searchParams.get("signedOut") === "1";
  return json({
    sso: sso ? { required: sso.required } : null,
    providerSignOut: sso && signedOut ? await endSessionUrl(sso, `${requestOrigin(request)}/login`) : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await requireAnonymous(request);
  const parsed = parseFormData(LoginSchema, await request.formData());
  if (!parsed.success) return invalid(parsed.errors);
  const { email, password, redirectTo } = parsed.data;
  const ip = clientIp(context);

  const retryAfter = await loginRetryAfter(email, ip);
  if (retryAfter > 0) {
    return invalid({ "": "auth.login.throttled" }, { retryMinutes: Math.ceil(retryAfter / 60) });
  }
  if (!passwordSignInAllowed(await activeSsoConfig(db), email)) return invalid({ "": "identity.sso.errors.passwordsOff" });
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !passwordOk || user.status !== "active") {
    await recordFailedLogin(email, ip);
    return invalid({ "": "auth.login.invalidCredentials" });
  }
  await clearFailedLogins(email);
  return startSession(user.id, safeRedirect(redirectTo));
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const serverErrors = errorsOf(actionData);
  const { onSubmit, register, errorFor } = useValidatedForm(LoginSchema, { serverErrors });
  const { sso, providerSignOut } = useLoaderData<typeof loader>();
  const retryMinutes = actionData && "retryMinutes" in actionData ? Number(actionData.retryMinutes) : undefined;
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  return (
    <section className="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth.login.title")}</h1>
      {providerSignOut ? (
        <p role="status">
          {t("identity.sso.signedOut")} <a href={providerSignOut}>{t("identity.sso.providerSignOut")}</a>
        </p>
      ) : null}
      {sso ? (
        <p>
          <a className="button" href={`/auth/sso?${new URLSearchParams({ redirectTo })}`}>
            {t("identity.sso.signIn")}
          </a>
        </p>
      ) : null}
      {sso?.required ? <p className="hint">{t("identity.sso.passwordsOffHint")}</p> : null}
      {retryMinutes ? (
        <div className="form-error" role="alert">
          {t("auth.login.throttled", { count: retryMinutes })}
        </div>
      ) : (
        <FormError error={serverErrors?.[""]} />
      )}
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextInput
          label={t("auth.fields.email")}
          type="email"
          autoComplete="email"
          registration={register("email")}
          error={errorFor("email")}
        />
        <TextInput
          label={t("auth.fields.password")}
          type="password"
          autoComplete="current-password"
          registration={register("password")}
          error={errorFor("password")}
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {t("auth.login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("passwordReset.forgotLink")}</Link>
      </p>
      <p className="hint">{t("auth.login.inviteOnly")}</p>
      <p className="hint">
        <Link to="/healthz" reloadDocument>
          {t("auth.login.status")}
        </Link>
      </p>
    </section>
  );
}
