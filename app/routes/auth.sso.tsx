import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { authorizationUrl } from "~/models/identity/oidc.server";
import { activeSsoConfig } from "~/models/identity/sso-config.server";
import { requireAnonymous, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requestOrigin } from "~/utils/http.server";
import { pendingSsoCookie } from "~/utils/sso-cookie.server";
import { redirectWithToast } from "~/utils/toast.server";

/** "Sign in with your company account": sends the browser to the identity provider. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const sso = await activeSsoConfig(db);
  if (!sso) return redirectWithToast("/login", { kind: "error", message: "identity.sso.errors.notConfigured" });
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  try {
    const { url, pending } = await authorizationUrl(sso, `${requestOrigin(request)}/auth/sso/callback`, redirectTo);
    return redirect(url.href, { headers: { "Set-Cookie": await pendingSsoCookie(pending) } });
  } catch (cause) {
    console.error("Company sign-in: the provider could not be reached", cause);
    return redirectWithToast("/login", { kind: "error", message: "identity.sso.errors.providerUnavailable" });
  }
}
