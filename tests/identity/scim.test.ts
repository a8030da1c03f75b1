// SCIM requests as Microsoft Entra ID and Okta document them (Entra: "Known issues and SCIM
// compliance" / "Develop a sample SCIM endpoint"; Okta: "SCIM 2.0 protocol reference").
import { describe, expect, it } from "vitest";
import * as users from "~/routes/scim.v2.Users";
import * as user from "~/routes/scim.v2.Users.$id";
import { createScimToken, revokeScimToken } from "~/models/identity/scim-tokens.server";
import { db } from "~/utils/db.server";
import { setUpScimClient } from "./scim-client";
import { call, ORIGIN, sessionCookie } from "../support/http";

const client = setUpScimClient("Entra ID", "Users", { collection: users, member: user });
const { scim } = client;

const snapshot = async () => ({
  users: await db.selectFrom("users").selectAll().orderBy("id").execute(),
  identities: await db.selectFrom("user_identities").selectAll().orderBy("subject").execute(),
  departments: await db.selectFrom("departments").selectAll().orderBy("id").execute(),
});

const stamp = () => Math.random().toString(36).slice(2, 10);

function entraCreate(s: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    externalId: `0a21f0f2-8d2a-4f8e-bf98-${s}`,
    userName: `Test_User_${s}`,
    active: true,
    emails: [{ primary: true, type: "work", value: `Test_User_${s}@testuser.com` }],
    meta: { resourceType: "User" },
    name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
    roles: [],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Finance" },
  };
}

function oktaCreate(s: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: `test.user.${s}@okta.local`,
    name: { givenName: "Test", familyName: "User" },
    emails: [{ primary: true, value: `test.user.${s}@okta.local`, type: "work" }],
    displayName: "Test User",
    locale: "en-US",
    externalId: `00ujl29u0le5T6Aj10h7${s}`,
    groups: [],
    password: "1mz050nq",
    active: true,
  };
}

describe("SCIM as Entra ID sends it", () => {
  it("creates, finds by userName, patches (email, family name, department) and disables, revoking sessions", async () => {
    const s = stamp();
    const created = await scim("POST", "/Users", entraCreate(s));
    expect(created.status).toBe(201);
    expect(created.headers.get("Content-Type")).toBe("application/scim+json");
    const body = await created.json();
    expect(body).toMatchObject({
      userName: `Test_User_${s}`,
      active: true,
      displayName: "givenName familyName",
      externalId: `0a21f0f2-8d2a-4f8e-bf98-${s}`,
    });
    expect(body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].department).toBe("Finance");
    const stored = await db.selectFrom("users").selectAll().where("id", "=", body.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ email: `test_user_${s}@testuser.com`, status: "active" });

    const found = await (await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "Test_User_${s}"`)}`)).json();
    expect(found).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.Resources[0].id).toBe(body.id);
    const none = await (await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "nobody_here"')}`)).json();
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });

    const patched = await scim("PATCH", `/Users/${body.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: `updated.${s}@testuser.com` },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        { op: "Add", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "Legal" },
      ],
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      emails: [{ value: `updated.${s}@testuser.com` }],
      displayName: "givenName updatedFamilyName",
    });

    const cookie = await sessionCookie(body.id);
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", body.id).execute()).toHaveLength(1);
    const disabled = await scim("PATCH", `/Users/${body.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).active).toBe(false);
    expect(cookie).toBeTruthy();
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", body.id).execute()).toHaveLength(0);
    const trail = await db
      .selectFrom("audit_log")
      .select(["action", "actor_label"])
      .where("target_id", "=", body.id)
      .orderBy("created_at")
      .execute();
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(["person.created", "person.updated", "person.deactivated"]));
    expect(trail.every((a) => a.actor_label === "SCIM: Entra ID")).toBe(true);
  });
});

describe("SCIM as Okta sends it", () => {
  it("creates (ignoring the password), lists with paging, replaces with PUT and deactivates with a path-less PATCH", async () => {
    const s = stamp();
    const created = await (await scim("POST", "/Users", oktaCreate(s))).json();
    expect(created).toMatchObject({
      userName: `test.user.${s}@okta.local`,
      displayName: "Test User",
      preferredLanguage: "en",
      active: true,
    });
    expect(
      (await db.selectFrom("users").select("password_hash").where("id", "=", created.id).executeTakeFirstOrThrow()).password_hash,
    ).toBeNull();
    const list = await (
      await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "test.user.${s}@okta.local"`)}&startIndex=1&count=100`)
    ).json();
    expect(list.Resources.map((r: { id: string }) => r.id)).toEqual([created.id]);
    const page1 = await (await scim("GET", "/Users?startIndex=1&count=2")).json();
    const page2 = await (await scim("GET", "/Users?startIndex=3&count=2")).json();
    expect(page1.itemsPerPage).toBe(2);
    expect(page1.totalResults).toBeGreaterThanOrEqual(3);
    expect(page2.startIndex).toBe(3);
    expect(page1.Resources.map((r: { id: string }) => r.id)).not.toContain(page2.Resources[0]?.id);

    const replaced = await scim("PUT", `/Users/${created.id}`, {
      ...oktaCreate(s),
      id: created.id,
      displayName: "Test Renamed",
      name: { givenName: "Test", familyName: "Renamed" },
    });
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).displayName).toBe("Test Renamed");
    const off = await scim("PATCH", `/Users/${created.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect((await off.json()).active).toBe(false);
    const on = await scim("PATCH", `/Users/${created.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { active: true } }],
    });
    expect((await on.json()).active).toBe(true);
    expect((await db.selectFrom("users").select("status").where("id", "=", created.id).executeTakeFirstOrThrow()).status).toBe("active");
  });
});

describe("bad SCIM input", () => {
  it("answers SCIM error bodies and changes nothing", async () => {
    const s = stamp();
    const existing = await (await scim("POST", "/Users", oktaCreate(s))).json();
    const before = await snapshot();
    const patchOf = (Operations: unknown) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations });
    const cases: [string, string, unknown, number, string | undefined][] = [
      ["POST", "/Users", "{not json", 400, "invalidSyntax"],
      ["POST", "/Users", { userName: "x@example.com" }, 400, "invalidSyntax"],
      ["POST", "/Users", { ...oktaCreate(stamp()), userName: undefined }, 400, "invalidValue"],
      [
        "POST",
        "/Users",
        { ...oktaCreate(stamp()), userName: "not-an-email", emails: [{ value: "nope", primary: true }] },
        400,
        "invalidValue",
      ],
      ["POST", "/Users", { ...oktaCreate(stamp()), active: "maybe" }, 400, "invalidValue"],
      ["POST", "/Users", oktaCreate(s), 409, "uniqueness"],
      ["PATCH", `/Users/${existing.id}`, patchOf("nope"), 400, "invalidSyntax"],
      ["PATCH", `/Users/${existing.id}`, patchOf([{ op: "frobnicate", path: "active", value: false }]), 400, "invalidSyntax"],
      // The first operation is valid; the second is not, so neither is applied.
      [
        "PATCH",
        `/Users/${existing.id}`,
        patchOf([
          { op: "replace", path: "displayName", value: "Changed" },
          { op: "replace", path: "active", value: 7 },
        ]),
        400,
        "invalidValue",
      ],
      ["PATCH", `/Users/${existing.id}`, patchOf([{ op: "remove", path: "userName" }]), 400, "mutability"],
      [
        "PATCH",
        `/Users/${existing.id}`,
        patchOf([{ op: "replace", path: 'emails[type eq "work"].value', value: client.admin.email }]),
        409,
        "uniqueness",
      ],
      ["PUT", "/Users/00000000-0000-0000-0000-000000000000", oktaCreate(stamp()), 404, undefined],
      ["GET", `/Users?filter=${encodeURIComponent('name.givenName sw "A"')}`, undefined, 400, "invalidFilter"],
      ["GET", "/Users?count=ten", undefined, 400, "invalidValue"],
    ];
    for (const [method, path, body, status, scimType] of cases) {
      const response = await scim(method, path, body);
      const error = await response.json();
      expect({ method, path, status: response.status }).toEqual({ method, path, status });
      expect(error.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
      expect(error.status).toBe(String(status));
      expect(error.scimType).toBe(scimType);
      expect(typeof error.detail).toBe("string");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses requests without a live token, and a session cookie is no substitute", async () => {
    const before = await snapshot();
    for (const bearer of [null, "altavoz_scim_wrong-token-123456"]) {
      const response = await scim("POST", "/Users", oktaCreate(stamp()), bearer);
      expect(response.status).toBe(401);
      expect((await response.json()).schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
    const withCookie = await call(users.loader, new Request(`${ORIGIN}/scim/v2/Users`, { headers: { Cookie: client.admin.cookie } }));
    expect(withCookie.status).toBe(401);
    const spare = await createScimToken(db, "Okta", client.admin.id);
    expect((await scim("GET", "/Users?count=1", undefined, spare.token)).status).toBe(200);
    await revokeScimToken(db, spare.id, client.admin.id);
    expect((await scim("GET", "/Users?count=1", undefined, spare.token)).status).toBe(401);
    expect(await snapshot()).toEqual(before);
    const stored = await db.selectFrom("scim_tokens").select("token_hash").where("id", "=", spare.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(spare.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
