import type { LoaderFunctionArgs } from "@remix-run/node";
import { scimHandler, scimJson } from "~/models/identity/scim-http.server";
import { db } from "~/utils/db.server";

/** What this SCIM service supports (RFC 7643 §5), for identity providers that ask. */
export async function loader({ request }: LoaderFunctionArgs) {
  return scimHandler(db, request, async () =>
    scimJson({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [
        { type: "oauthbearertoken", name: "Bearer token", description: "A token created by an Altavoz administrator", primary: true },
      ],
    }),
  );
}
