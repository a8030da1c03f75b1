import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setUserLocale } from "~/models/people/users.server";
import { getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { isLocale } from "~/utils/i18n";
import { localeCookie } from "~/utils/locale.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader() {
  return redirect("/");
}

/** The language switcher: remembered in a cookie, and on the person's profile when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await request.formData();
  const locale = formData.get("locale");
  const redirectTo = safeRedirect(formData.get("redirectTo"));
  if (!isLocale(locale)) return redirectWithToast(redirectTo, { kind: "error", message: "errors.invalidLocale" });
  const user = await getOptionalUser(request);
  if (user) await setUserLocale(db, user.id, locale);
  return redirect(redirectTo, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
