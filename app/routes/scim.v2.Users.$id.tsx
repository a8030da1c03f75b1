import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ScimError, parsePatch, parseUserResource } from "~/models/identity/scim-input.server";
import { scimBaseUrl, scimBody, scimHandler, scimJson } from "~/models/identity/scim-http.server";
import { scimUser, updateScimUser } from "~/models/identity/scim-users.server";
import { db } from "~/utils/db.server";

/** GET /scim/v2/Users/:id */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return scimHandler(db, request, async () => scimJson(await scimUser(db, params.id ?? "", scimBaseUrl(request))));
}

/** PUT replaces, PATCH changes, DELETE deactivates (people are never erased: their history stays). */
export async function action({ request, params }: ActionFunctionArgs) {
  return scimHandler(db, request, async (actor) => {
    const id = params.id ?? "";
    const method = request.method.toUpperCase();
    if (method === "DELETE") {
      await scimUser(db, id, scimBaseUrl(request));
      await updateScimUser(db, id, { active: false }, actor);
      return new Response(null, { status: 204 });
    }
    if (method !== "PUT" && method !== "PATCH") throw new ScimError(405, null, `${method} is not supported here`);
    const body = await scimBody(request);
    const changes = method === "PUT" ? parseUserResource(body) : parsePatch(body);
    await updateScimUser(db, id, changes, actor);
    return scimJson(await scimUser(db, id, scimBaseUrl(request)));
  });
}
