import type { DB } from "~/utils/db.server";
import { requestOrigin } from "~/utils/http.server";
import type { AuditActor } from "~/models/audit/record.server";
import { SCIM, ScimError } from "./scim-input.server";
import { authenticateScim } from "./scim-tokens.server";

const SCIM_TYPE = "application/scim+json";

export const scimJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": SCIM_TYPE, "Cache-Control": "no-store", ...headers } });

export const scimErrorResponse = (error: ScimError) =>
  scimJson(
    { schemas: [SCIM.error], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.message },
    error.status,
  );

const MAX_COUNT = 200;

/** `startIndex` and `count` of a list request. */
export function scimPaging(url: URL) {
  const number = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    const value = raw === null ? fallback : Number(raw);
    if (!Number.isInteger(value)) throw new ScimError(400, "invalidValue", `${name} must be a whole number`);
    return value;
  };
  // RFC 7644 §3.4.2.4: a startIndex below 1 means 1, a negative count means 0.
  return { startIndex: Math.max(1, number("startIndex", 1)), count: Math.min(MAX_COUNT, Math.max(0, number("count", 100))) };
}

/** Whether `excludedAttributes` (RFC 7644 §3.4.2.5) leaves `attribute` out. */
export const scimExcludes = (url: URL, attribute: string) =>
  (url.searchParams.get("excludedAttributes") ?? "")
    .split(",")
    .map((a) => a.trim().toLowerCase())
    .includes(attribute.toLowerCase());

export const scimBaseUrl = (request: Request) => `${requestOrigin(request)}/scim/v2`;

/** The body as JSON, or a SCIM invalidSyntax error (too large, not JSON). */
export async function scimBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 100_000) throw new ScimError(413, null, "the body is too large");
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimError(400, "invalidSyntax", "the body is not valid JSON");
  }
}

/**
 * Runs a SCIM request for the directory: the bearer token is checked first (these endpoints take
 * no cookies and no Origin, since they are called by the identity provider, not by a browser).
 */
export async function scimHandler(db: DB, request: Request, work: (actor: AuditActor) => Promise<Response>): Promise<Response> {
  try {
    const token = await authenticateScim(db, request.headers.get("Authorization"));
    if (!token) {
      const response = scimErrorResponse(new ScimError(401, null, "a valid bearer token is required"));
      response.headers.set("WWW-Authenticate", 'Bearer realm="Altavoz SCIM"');
      return response;
    }
    return await work({ kind: "scim", tokenId: token.id, tokenName: token.name });
  } catch (error) {
    if (error instanceof ScimError) return scimErrorResponse(error);
    throw error;
  }
}
