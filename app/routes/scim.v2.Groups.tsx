import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ScimError } from "~/models/identity/scim-input.server";
import { parseGroupFilter, parseGroupResource } from "~/models/identity/scim-group-input.server";
import { createScimGroup, listScimGroups, scimGroup } from "~/models/identity/scim-groups.server";
import { scimBaseUrl, scimBody, scimExcludes, scimHandler, scimJson, scimPaging } from "~/models/identity/scim-http.server";
import { db } from "~/utils/db.server";

/** GET /scim/v2/Groups?filter=displayName eq "…"&excludedAttributes=members&startIndex=&count= */
export async function loader({ request }: LoaderFunctionArgs) {
  return scimHandler(db, request, async () => {
    const url = new URL(request.url);
    const query = {
      displayName: parseGroupFilter(url.searchParams.get("filter")),
      ...scimPaging(url),
      withMembers: !scimExcludes(url, "members"),
    };
    return scimJson(await listScimGroups(db, query, scimBaseUrl(request)));
  });
}

/** POST /scim/v2/Groups: the directory creates a department. */
export async function action({ request }: ActionFunctionArgs) {
  return scimHandler(db, request, async (actor) => {
    if (request.method !== "POST") throw new ScimError(405, null, `${request.method} is not supported here`);
    const id = await createScimGroup(db, parseGroupResource(await scimBody(request)), actor);
    const group = await scimGroup(db, id, scimBaseUrl(request));
    return scimJson(group, 201, { Location: group.meta.location });
  });
}
