import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolveSsoAccount } from "~/models/identity/sso-account.server";
import { completeSignIn } from "~/models/identity/oidc.server";
import { activeSsoConfig } from "~/models/identity/sso-config.server";
import { requireAnonymous, startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { clearPendingSso, readPendingSso } from "~/utils/sso-cookie.server";
import { redirectWithToast } from "~/utils/toast.server";

/** The identity provider sends the browser back here with a code (or an error). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const clear = { "Set-Cookie": await clearPendingSso() };
  const refuse = (message: string) => redirectWithToast("/login", { kind: "error", message }, { headers: clear });
  const [sso, pending] = await Promise.all([activeSsoConfig(db), readPendingSso(request)]);
  if (!sso) return refuse("identity.sso.errors.notConfigured");
  if (!pending) return refuse("identity.sso.errors.expired");
  const url = new URL(request.url);
  // Behind a proxy the request's own origin may differ from the redirect URI the provider knows.
  const callbackUrl = new URL(`${requestOrigin(request)}${url.pathname}${url.search}`);
  let claims;
  try {
    claims = await completeSignIn(sso, callbackUrl, pending);
  } catch (cause) {
    console.warn("Company sign-in refused:", cause instanceof Error ? cause.message : cause);
    return refuse("identity.sso.errors.failed");
  }
  const account = await resolveSsoAccount(db, sso, claims, await resolveLocale(request));
  if (!account.ok) return refuse(account.error);
  return startSession(account.userId, pending.redirectTo, clear);
}
