import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { activeSsoConfig } from "~/models/identity/sso-config.server";
import { endSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { assertSameOrigin } from "~/utils/origin.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  // With company sign-in on, the login page then offers to sign out of the provider too.
  return endSession(request, (await activeSsoConfig(db)) ? "/login?signedOut=1" : "/login");
}
