import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ScimError } from "~/models/identity/scim-input.server";
import { parseGroupPatch, parseGroupResource } from "~/models/identity/scim-group-input.server";
import { deleteScimGroup, scimGroup, updateScimGroup } from "~/models/identity/scim-groups.server";
import { scimBaseUrl, scimBody, scimExcludes, scimHandler, scimJson } from "~/models/identity/scim-http.server";
import { db } from "~/utils/db.server";

/** GET /scim/v2/Groups/:id */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return scimHandler(db, request, async () =>
    scimJson(await scimGroup(db, params.id ?? "", scimBaseUrl(request), !scimExcludes(new URL(request.url), "members"))),
  );
}

/** PUT replaces name and members, PATCH changes them, DELETE removes the department. */
export async function action({ request, params }: ActionFunctionArgs) {
  return scimHandler(db, request, async (actor) => {
    const id = params.id ?? "";
    const method = request.method.toUpperCase();
    if (method === "DELETE") {
      await deleteScimGroup(db, id, actor);
      return new Response(null, { status: 204 });
    }
    if (method !== "PUT" && method !== "PATCH") throw new ScimError(405, null, `${method} is not supported here`);
    const body = await scimBody(request);
    await updateScimGroup(db, id, method === "PUT" ? parseGroupResource(body) : parseGroupPatch(body), actor);
    // Entra ID and Okta accept 204 for a PATCH; the group is returned so the directory sees the result.
    return scimJson(await scimGroup(db, id, scimBaseUrl(request)));
  });
}
