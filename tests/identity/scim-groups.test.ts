// SCIM /Groups as Microsoft Entra ID and Okta document their requests (Entra: "Develop a sample SCIM
// endpoint", group operations; Okta: "SCIM 2.0 protocol reference", Groups), mapped to departments.
import { describe, expect, it } from "vitest";
import * as groups from "~/routes/scim.v2.Groups";
import * as group from "~/routes/scim.v2.Groups.$id";
import { createScimToken, revokeScimToken } from "~/models/identity/scim-tokens.server";
import { db } from "~/utils/db.server";
import { setUpScimClient } from "./scim-client";
import { createContentItem } from "~/models/content/items.server";
import { contentInput, createActor } from "../content/helpers";
import { createTestDepartment, createTestUser, ORIGIN } from "../support/http";

const client = setUpScimClient("Okta", "Groups", { collection: groups, member: group });
const { scim } = client;

const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const stamp = () => Math.random().toString(36).slice(2, 10);
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

const departmentOf = async (userId: string) =>
  (await db.selectFrom("users").select("department_id").where("id", "=", userId).executeTakeFirstOrThrow()).department_id;

const snapshot = async () => ({
  users: await db.selectFrom("users").select(["id", "department_id"]).orderBy("id").execute(),
  departments: await db.selectFrom("departments").selectAll().orderBy("id").execute(),
});

describe("SCIM /Groups mapped to departments", () => {
  it("creates a department with members (Okta), reads it, lists it by displayName without members (Entra ID)", async () => {
    const s = stamp();
    const ana = await createTestUser({ name: `Ana ${s}` });
    const created = await scim("POST", "/Groups", {
      schemas: [GROUP],
      displayName: `Finance ${s}`,
      members: [{ value: ana.id, display: ana.email }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("Content-Type")).toBe("application/scim+json");
    const body = await created.json();
    expect(body).toMatchObject({ schemas: [GROUP], displayName: `Finance ${s}`, members: [{ value: ana.id, display: `Ana ${s}` }] });
    expect(created.headers.get("Location")).toBe(`${ORIGIN}/scim/v2/Groups/${body.id}`);
    expect(await departmentOf(ana.id)).toBe(body.id);

    const read = await (await scim("GET", `/Groups/${body.id}`)).json();
    expect(read.displayName).toBe(`Finance ${s}`);
    const listed = await (
      await scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "finance ${s}"`)}`)
    ).json();
    expect(listed).toMatchObject({ totalResults: 1, itemsPerPage: 1, Resources: [{ id: body.id, displayName: `Finance ${s}` }] });
    expect(listed.Resources[0].members).toBeUndefined();
    const audit = await db.selectFrom("audit_log").select(["action", "actor_label"]).where("target_id", "=", body.id).execute();
    expect(audit).toEqual([{ action: "department.created", actor_label: "SCIM: Okta" }]);
  });

  it("adds and removes members and renames, in Entra ID's and Okta's PATCH shapes", async () => {
    const s = stamp();
    const departmentId = await createTestDepartment(`Sales ${s}`);
    const [ana, luis] = [await createTestUser(), await createTestUser()];
    const added = await scim(
      "PATCH",
      `/Groups/${departmentId}`,
      patch({ op: "Add", path: "members", value: [{ value: ana.id }, { value: luis.id }] }),
    );
    expect(added.status).toBe(200);
    expect(await departmentOf(ana.id)).toBe(departmentId);
    expect(await departmentOf(luis.id)).toBe(departmentId);
    // Okta removes one member by filter; Entra ID removes with the member as value.
    await scim("PATCH", `/Groups/${departmentId}`, patch({ op: "remove", path: `members[value eq "${ana.id}"]` }));
    expect(await departmentOf(ana.id)).toBeNull();
    await scim("PATCH", `/Groups/${departmentId}`, patch({ op: "Remove", path: "members", value: [{ value: luis.id }] }));
    expect(await departmentOf(luis.id)).toBeNull();
    // Okta renames with a pathless replace, Entra ID with path displayName.
    await scim("PATCH", `/Groups/${departmentId}`, patch({ op: "replace", value: { id: departmentId, displayName: `Ventas ${s}` } }));
    const renamed = await scim("PATCH", `/Groups/${departmentId}`, patch({ op: "Replace", path: "displayName", value: `Sales EMEA ${s}` }));
    expect((await renamed.json()).displayName).toBe(`Sales EMEA ${s}`);
    // PUT replaces the whole member list.
    await scim("PUT", `/Groups/${departmentId}`, { schemas: [GROUP], displayName: `Sales EMEA ${s}`, members: [{ value: luis.id }] });
    expect([await departmentOf(ana.id), await departmentOf(luis.id)]).toEqual([null, departmentId]);
    const audit = await db.selectFrom("audit_log").select("action").where("target_id", "=", departmentId).execute();
    expect(audit.map((a) => a.action)).toEqual(["department.renamed", "department.renamed"]);
  });

  it("deletes a department, leaving its people without one, unless content is aimed at it", async () => {
    const s = stamp();
    const departmentId = await createTestDepartment(`Temp ${s}`);
    const ana = await createTestUser({ departmentId });
    expect((await scim("DELETE", `/Groups/${departmentId}`)).status).toBe(204);
    expect(await departmentOf(ana.id)).toBeNull();
    expect(await db.selectFrom("departments").select("id").where("id", "=", departmentId).execute()).toEqual([]);
    const missing = await scim("GET", `/Groups/${departmentId}`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);

    const aimedAt = await createTestDepartment(`Aimed ${s}`);
    const luis = await createTestUser({ departmentId: aimedAt });
    const item = await createContentItem(db, await createActor(["editor", "employee"]), contentInput({ departmentIds: [aimedAt] }));
    expect(item.ok).toBe(true);
    const refused = await scim("DELETE", `/Groups/${aimedAt}`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).scimType).toBe("mutability");
    expect(await departmentOf(luis.id)).toBe(aimedAt);
  });

  it("answers bad requests with SCIM errors and changes nothing", async () => {
    const s = stamp();
    const departmentId = await createTestDepartment(`Legal ${s}`);
    await createTestDepartment(`Taken ${s}`);
    const ana = await createTestUser({ departmentId });
    const before = await snapshot();
    const cases: [string, string, unknown, number, string | null][] = [
      ["POST", "/Groups", "{not json", 400, "invalidSyntax"],
      ["POST", "/Groups", { displayName: "No schemas" }, 400, "invalidSyntax"],
      ["POST", "/Groups", { schemas: [GROUP], displayName: "" }, 400, "invalidValue"],
      ["POST", "/Groups", { schemas: [GROUP], displayName: `taken ${s}` }, 409, "uniqueness"],
      ["POST", "/Groups", { schemas: [GROUP], displayName: `New ${s}`, members: [{ value: "nobody" }] }, 400, "invalidValue"],
      ["POST", "/Groups", { schemas: [GROUP], displayName: `New ${s}`, members: "everyone" }, 400, "invalidValue"],
      ["PATCH", `/Groups/${departmentId}`, patch({ op: "move", path: "members" }), 400, "invalidSyntax"],
      ["PATCH", `/Groups/${departmentId}`, { schemas: [PATCH], Operations: [] }, 400, "invalidSyntax"],
      ["PATCH", `/Groups/${departmentId}`, patch({ op: "remove" }), 400, "noTarget"],
      ["PATCH", `/Groups/${departmentId}`, patch({ op: "replace", path: "displayName", value: `Taken ${s}` }), 409, "uniqueness"],
      ["PATCH", `/Groups/${departmentId}`, patch({ op: "add", path: "owners", value: 1 }), 400, "invalidPath"],
      // One bad operation undoes the good ones before it.
      [
        "PATCH",
        `/Groups/${departmentId}`,
        patch({ op: "remove", path: "members" }, { op: "add", path: "members", value: [{ value: "nobody" }] }),
        400,
        "invalidValue",
      ],
      ["PATCH", "/Groups/unknown", patch({ op: "remove", path: "members" }), 404, null],
      ["DELETE", "/Groups/unknown", undefined, 404, null],
      ["GET", `/Groups?filter=${encodeURIComponent('displayName co "x"')}`, undefined, 400, "invalidFilter"],
      ["GET", "/Groups?count=abc", undefined, 400, "invalidValue"],
    ];
    for (const [method, path, body, status, scimType] of cases) {
      const response = await scim(method, path, body);
      expect([method, path, response.status]).toEqual([method, path, status]);
      const error = await response.json();
      expect(error).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status) });
      if (scimType) expect(error.scimType).toBe(scimType);
    }
    expect(await snapshot()).toEqual(before);
    expect(await departmentOf(ana.id)).toBe(departmentId);
  });

  it("refuses requests without a live bearer token", async () => {
    const { id, token: revoked } = await createScimToken(db, "Old", client.admin.id);
    await revokeScimToken(db, id, client.admin.id);
    for (const bearer of [null, "altavoz_scim_wrongwrongwrong", revoked]) {
      const response = await scim("POST", "/Groups", { schemas: [GROUP], displayName: `Nope ${stamp()}` }, bearer);
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
    }
  });
});
