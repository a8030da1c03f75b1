import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ScimError, parseFilter, parseUserResource } from "~/models/identity/scim-input.server";
import { scimBaseUrl, scimBody, scimHandler, scimJson } from "~/models/identity/scim-http.server";
import { createScimUser, listScimUsers, scimUser } from "~/models/identity/scim-users.server";
import { db } from "~/utils/db.server";

const MAX_COUNT = 200;

function paging(url: URL) {
  const number = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    const value = raw === null ? fallback : Number(raw);
    if (!Number.isInteger(value)) throw new ScimError(400, "invalidValue", `${name} must be a whole number`);
    return value;
  };
  // RFC 7644 §3.4.2.4: a startIndex below 1 means 1, a negative count means 0.
  return { startIndex: Math.max(1, number("startIndex", 1)), count: Math.min(MAX_COUNT, Math.max(0, number("count", 100))) };
}

/** GET /scim/v2/Users?filter=userName eq "…"&startIndex=&count= */
export async function loader({ request }: LoaderFunctionArgs) {
  return scimHandler(db, request, async () => {
    const url = new URL(request.url);
    const filter = parseFilter(url.searchParams.get("filter"));
    return scimJson(await listScimUsers(db, { filter, ...paging(url) }, scimBaseUrl(request)));
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
