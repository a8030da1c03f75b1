// The SCIM set-up both SCIM test files share: an administrator, a live bearer token in the name of an
// identity provider, and a client that sends a request to the collection or member route of a resource.
import { beforeAll } from "vitest";
import { createScimToken } from "~/models/identity/scim-tokens.server";
import { db } from "~/utils/db.server";
import { call, createTestUser, ORIGIN, type TestUser } from "../support/http";

interface Handlers {
  loader: unknown;
  action: unknown;
}

export function setUpScimClient(provider: string, resource: "Users" | "Groups", routes: { collection: Handlers; member: Handlers }) {
  const state: { admin?: TestUser; token: string } = { token: "" };
  beforeAll(async () => {
    state.admin = await createTestUser({ roles: ["admin", "employee"] });
    state.token = (await createScimToken(db, provider, state.admin.id)).token;
  });
  const memberPath = new RegExp(`^/${resource}/([^?]+)`);
  function scim(method: string, path: string, body?: unknown, bearer: string | null = state.token) {
    const headers = new Headers({ "Content-Type": "application/scim+json" });
    if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
    const request = new Request(`${ORIGIN}/scim/v2${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const id = memberPath.exec(path)?.[1];
    const handlers = id ? routes.member : routes.collection;
    return call(method === "GET" ? handlers.loader : handlers.action, request, id ? { id } : {});
  }
  return {
    scim,
    /** The administrator who created the token (set once the file's beforeAll has run). */
    get admin(): TestUser {
      if (!state.admin) throw new Error("the SCIM client is used before its set-up ran");
      return state.admin;
    },
  };
}
