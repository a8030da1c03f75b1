import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ScimError, parseFilter, parseUserResource } from "~/models/identity/scim-input.server";
import { scimBaseUrl, scimBody, scimHandler, scimJson, scimPaging } from "~/models/identity/scim-http.server";
import { createScimUser, listScimUsers, scimUser } from "~/models/identity/scim-users.server";
import { db } from "~/utils/db.server";

/** GET /scim/v2/Users?filter=userName eq "…"&startIndex=&count= */
export async function loader({ request }: LoaderFunctionArgs) {
  return scimHandler(db, request, async () => {
    const url = new URL(request.url);
    const filter = parseFilter(url.searchParams.get("filter"));
    return scimJson(await listScimUsers(db, { filter, ...scimPaging(url) }, scimBaseUrl(request)));
  });
}

/** POST /scim/v2/Users: the directory provisions a person. */
export async function action({ request }: ActionFunctionArgs) {
  return scimHandler(db, request, async (actor) => {
    if (request.method !== "POST") throw new ScimError(405, null, `${request.method} is not supported here`);
    const id = await createScimUser(db, parseUserResource(await scimBody(request)), actor);
    const user = await scimUser(db, id, scimBaseUrl(request));
    return scimJson(user, 201, { Location: user.meta.location });
  });
}
