import { z } from "zod";

export const SCIM = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  patch: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  list: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
} as const;

/** Bad input, answered with a SCIM error body (RFC 7644 §3.12) and nothing changed. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: string | null,
    detail: string,
  ) {
    super(detail);
  }
}

const invalid = (detail: string) => new ScimError(400, "invalidValue", detail);

/** The attributes Altavoz keeps; the rest of a SCIM user (title, phone numbers…) is accepted and ignored. */
export interface ScimChanges {
  userName?: string;
  email?: string;
  displayName?: string;
  formatted?: string;
  givenName?: string;
  familyName?: string;
  department?: string | null;
  active?: boolean;
  locale?: string | null;
  externalId?: string | null;
}

const Email = z.email();

function text(value: unknown, attribute: string, max: number): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > max)
    throw invalid(`${attribute} must be a non-empty string of at most ${max} characters`);
  return value.trim();
}

const optionalText = (value: unknown, attribute: string, max: number) =>
  value === null || value === "" ? null : text(value, attribute, max);

function bool(value: unknown, attribute: string): boolean {
  // Entra ID has sent booleans as the strings "True" and "False".
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw invalid(`${attribute} must be true or false`);
}

function email(value: unknown, attribute: string): string {
  const v = text(value, attribute, 254).toLowerCase();
  if (!Email.safeParse(v).success) throw invalid(`${attribute} must be an email address`);
  return v;
}

function primaryEmail(value: unknown): string | undefined {
  if (!Array.isArray(value)) throw invalid("emails must be a list");
  const emails = value.filter(
    (e): e is { value: unknown; primary?: unknown; type?: unknown } => typeof e === "object" && e !== null && "value" in e,
  );
  const chosen =
    emails.find((e) => e.primary === true || e.primary === "True" || e.primary === "true") ??
    emails.find((e) => e.type === "work") ??
    emails[0];
  return chosen ? email(chosen.value, "emails.value") : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Applies one attribute (a SCIM path, any case) to `changes`; `remove` clears what may be cleared. */
function assign(changes: ScimChanges, path: string, value: unknown, remove = false): void {
  const key = path.toLowerCase();
  const enterprise = SCIM.enterprise.toLowerCase();
  if (key === enterprise) {
    if (remove) changes.department = null;
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) assign(changes, `${SCIM.enterprise}:${k}`, v);
    return;
  }
  if (key === `${enterprise}:department`) {
    changes.department = remove ? null : optionalText(value, "department", 80);
    return;
  }
  if (key === "name" && isObject(value)) {
    for (const [k, v] of Object.entries(value)) assign(changes, `name.${k}`, v, remove);
    return;
  }
  if (remove && ["username", "active", "emails", 'emails[type eq "work"].value'].includes(key))
    throw new ScimError(400, "mutability", `${path} cannot be removed`);
  switch (key) {
    case "username":
      changes.userName = text(value, "userName", 254);
      break;
    case "displayname":
      changes.displayName = remove ? undefined : text(value, "displayName", 120);
      break;
    case "name.formatted":
      changes.formatted = remove ? undefined : text(value, "name.formatted", 120);
      break;
    case "name.givenname":
      changes.givenName = remove ? "" : text(value, "name.givenName", 60);
      break;
    case "name.familyname":
      changes.familyName = remove ? "" : text(value, "name.familyName", 60);
      break;
    case "active":
      changes.active = bool(value, "active");
      break;
    case "externalid":
      changes.externalId = remove ? null : optionalText(value, "externalId", 200);
      break;
    case "preferredlanguage":
    case "locale":
      changes.locale = remove ? null : optionalText(value, path, 40);
      break;
    case "emails":
      changes.email = primaryEmail(value) ?? changes.email;
      break;
    case 'emails[type eq "work"].value':
    case "emails.value":
      changes.email = email(value, path);
      break;
    default:
      break;
  }
}

function requireSchema(body: unknown, schema: string): Record<string, unknown> {
  if (!isObject(body)) throw new ScimError(400, "invalidSyntax", "the body must be a JSON object");
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(schema)) throw new ScimError(400, "invalidSyntax", `schemas must include ${schema}`);
  return body;
}

/** A whole user, as POST and PUT send it. */
export function parseUserResource(body: unknown): ScimChanges & { userName: string; email: string } {
  const resource = requireSchema(body, SCIM.user);
  const changes: ScimChanges = {};
  for (const [key, value] of Object.entries(resource)) {
    if (["schemas", "id", "meta", "password", "groups"].includes(key)) continue;
    assign(changes, key, value);
  }
  if (!changes.userName) throw invalid("userName is required");
  const address = changes.email ?? (Email.safeParse(changes.userName.toLowerCase()).success ? changes.userName.toLowerCase() : undefined);
  if (!address) throw invalid("a work email (emails, or an email as userName) is required");
  return { ...changes, userName: changes.userName, email: address };
}

const PatchOperation = z.object({ op: z.string(), path: z.string().max(300).optional(), value: z.unknown().optional() });

/** The changes asked by a PatchOp (RFC 7644 §3.5.2), in the shapes Entra ID and Okta send. */
export function parsePatch(body: unknown): ScimChanges {
  const request = requireSchema(body, SCIM.patch);
  const operations = z.array(PatchOperation).min(1).max(100).safeParse(request.Operations);
  if (!operations.success) throw new ScimError(400, "invalidSyntax", "Operations must be a list of { op, path, value }");
  const changes: ScimChanges = {};
  for (const operation of operations.data) {
    const op = operation.op.toLowerCase();
    if (!["add", "replace", "remove"].includes(op)) throw new ScimError(400, "invalidSyntax", `unknown op ${operation.op}`);
    if (op === "remove") {
      if (!operation.path) throw new ScimError(400, "noTarget", "remove needs a path");
      assign(changes, operation.path, undefined, true);
    } else if (operation.path) {
      assign(changes, operation.path, operation.value);
    } else {
      if (!isObject(operation.value)) throw invalid("an operation without path needs an object value");
      for (const [key, value] of Object.entries(operation.value)) assign(changes, key, value);
    }
  }
  return changes;
}

/** `filter=userName eq "…"` (or externalId / emails.value); other filters are refused. */
export function parseFilter(filter: string | null): { attribute: "userName" | "externalId" | "email"; value: string } | null {
  if (filter === null || filter.trim() === "") return null;
  const match = filter.match(/^\s*(userName|externalId|emails(?:\.value)?)\s+eq\s+"((?:[^"\\]|\\.){1,254})"\s*$/i);
  if (!match) throw new ScimError(400, "invalidFilter", 'only filters of the form userName eq "…" are supported');
  const attribute = match[1].toLowerCase() === "username" ? "userName" : match[1].toLowerCase() === "externalid" ? "externalId" : "email";
  return { attribute, value: match[2].replace(/\\(.)/g, "$1") };
}
