import { z } from "zod";
import { SCIM, ScimError } from "./scim-input.server";

export const SCIM_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

/** What a Group request asks of the department: a new name, members to add or remove, or the whole member list. */
export interface GroupChanges {
  displayName?: string;
  /** The whole member list (POST, PUT, or a replace of members). */
  members?: string[];
  add: string[];
  remove: string[];
  /** `remove` of path "members" without a value: everyone leaves. */
  removeAll: boolean;
}

const invalid = (detail: string) => new ScimError(400, "invalidValue", detail);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function displayName(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "" || value.trim().length > 80)
    throw invalid("displayName must be a non-empty string of at most 80 characters");
  return value.trim();
}

/** `[{ value: "<user id>" }, …]` → the ids; Entra ID and Okta both send members this way. */
function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length > 10_000) throw invalid("too many members in one request");
  return list.map((member) => {
    if (!isObject(member) || typeof member.value !== "string" || member.value.trim() === "" || member.value.length > 200)
      throw invalid("members must be a list of { value: <user id> }");
    return member.value.trim();
  });
}

function requireGroupSchema(body: unknown, schema: string): Record<string, unknown> {
  if (!isObject(body)) throw new ScimError(400, "invalidSyntax", "the body must be a JSON object");
  if (!Array.isArray(body.schemas) || !body.schemas.includes(schema))
    throw new ScimError(400, "invalidSyntax", `schemas must include ${schema}`);
  return body;
}

/** A whole group, as POST and PUT send it. */
export function parseGroupResource(body: unknown): GroupChanges & { displayName: string; members: string[] } {
  const resource = requireGroupSchema(body, SCIM_GROUP);
  const members = resource.members === undefined || resource.members === null ? [] : memberIds(resource.members);
  return { displayName: displayName(resource.displayName), members: [...new Set(members)], add: [], remove: [], removeAll: false };
}

const PatchOperation = z.object({ op: z.string(), path: z.string().max(300).optional(), value: z.unknown().optional() });

function applyValue(changes: GroupChanges, op: "add" | "replace", path: string | undefined, value: unknown): void {
  const key = path?.toLowerCase();
  if (key === "displayname") changes.displayName = displayName(value);
  else if (key === "members") {
    if (op === "add") changes.add.push(...memberIds(value));
    else changes.members = memberIds(value);
  } else if (key === undefined) {
    // No path: the value holds the attributes (Entra ID sends { displayName } this way).
    if (!isObject(value)) throw invalid("an operation without path needs an object value");
    for (const [attribute, v] of Object.entries(value)) {
      if (["displayname", "members"].includes(attribute.toLowerCase())) applyValue(changes, op, attribute, v);
    }
  } else if (key !== "externalid") throw new ScimError(400, "invalidPath", `${path} cannot be changed`);
}

function applyRemove(changes: GroupChanges, path: string | undefined, value: unknown): void {
  if (!path) throw new ScimError(400, "noTarget", "remove needs a path");
  // Okta: path `members[value eq "<id>"]`; Entra ID: path `members` with the members as value.
  const one = path.match(/^members\[\s*value\s+eq\s+"([^"]{1,200})"\s*\]$/i);
  if (one) changes.remove.push(one[1]);
  else if (path.toLowerCase() === "members") {
    if (value === undefined || value === null) changes.removeAll = true;
    else changes.remove.push(...memberIds(value));
  } else if (path.toLowerCase() === "displayname") throw new ScimError(400, "mutability", "displayName cannot be removed");
  else throw new ScimError(400, "invalidPath", `${path} cannot be removed`);
}

/** The changes asked by a PatchOp on a group (RFC 7644 §3.5.2), in the shapes Entra ID and Okta send. */
export function parseGroupPatch(body: unknown): GroupChanges {
  const request = requireGroupSchema(body, SCIM.patch);
  const operations = z.array(PatchOperation).min(1).max(100).safeParse(request.Operations);
  if (!operations.success) throw new ScimError(400, "invalidSyntax", "Operations must be a list of { op, path, value }");
  const changes: GroupChanges = { add: [], remove: [], removeAll: false };
  for (const { op, path, value } of operations.data) {
    const kind = op.toLowerCase();
    if (kind === "add" || kind === "replace") applyValue(changes, kind, path, value);
    else if (kind === "remove") applyRemove(changes, path, value);
    else throw new ScimError(400, "invalidSyntax", `unknown op ${op}`);
  }
  return changes;
}

/** `filter=displayName eq "…"`; other filters are refused. */
export function parseGroupFilter(filter: string | null): string | null {
  if (filter === null || filter.trim() === "") return null;
  const match = filter.match(/^\s*displayName\s+eq\s+"((?:[^"\\]|\\.){1,80})"\s*$/i);
  if (!match) throw new ScimError(400, "invalidFilter", 'only filters of the form displayName eq "…" are supported');
  return match[1].replace(/\\(.)/g, "$1");
}
