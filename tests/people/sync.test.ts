import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as syncPage from "~/routes/admin.people.sync._index";
import * as syncPreview from "~/routes/admin.people.sync.$id";
import { setSetting } from "~/models/core/settings.server";
import { MAX_DEACTIVATION_PERCENT_KEY } from "~/models/people/sync-plan.server";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";

let admin: TestUser;
let hr: TestUser;
let n = 0;

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"], name: "Ada Admin" });
  hr = await createTestUser({ roles: ["hr"], name: "Hugo HR" });
  await createTestDepartment("Ventas");
  await createTestDepartment("Marketing");
});

beforeEach(async () => {
  await setSetting(db, MAX_DEACTIVATION_PERCENT_KEY, "100");
});

const stamp = () => `${++n}${Math.random().toString(36).slice(2, 6)}`;

interface Options {
  wholeCompany?: boolean;
  createDepartments?: boolean;
  maxDeactivationPercent?: string;
}

function upload(cookie: string, content: string, { wholeCompany = true, createDepartments = false, maxDeactivationPercent }: Options = {}) {
  const form = new FormData();
  form.append("file", new File([content], "people.csv", { type: "text/csv" }));
  if (createDepartments) form.append("createDepartments", "on");
  if (wholeCompany) form.append("wholeCompany", "on");
  if (maxDeactivationPercent !== undefined) form.append("maxDeactivationPercent", maxDeactivationPercent);
  return call(syncPage.action, postRequest("/admin/people/sync", form, { cookie }));
}

async function preview(cookie: string, content: string, options: Options = {}) {
  const response = await upload(cookie, content, options);
  expect(response.status).toBe(302);
  const id = response.headers.get("Location")!.split("/").pop()!;
  const loaded = await call(syncPreview.loader, getRequest(`/admin/people/sync/${id}`, { cookie }), { id });
  return { id, data: await jsonOf(loaded) };
}

const apply = (cookie: string, id: string, confirmDeactivations?: string) =>
  call(
    syncPreview.action,
    postRequest(`/admin/people/sync/${id}`, { intent: "apply", ...(confirmDeactivations ? { confirmDeactivations } : {}) }, { cookie }),
    { id },
  );

/** Everyone not deactivated, as a CSV the way the directory would export them (no department/roles/language columns). */
async function currentCompany(except: string[] = []): Promise<string[]> {
  const people = await db.selectFrom("users").select(["email", "name"]).where("status", "!=", "deactivated").orderBy("email").execute();
  return people.filter((p) => !except.includes(p.email)).map((p) => `${p.email},${p.name}`);
}

const snapshot = async () => ({
  users: await db.selectFrom("users").selectAll().orderBy("id").execute(),
  roles: await db.selectFrom("user_roles").selectAll().orderBy("user_id").orderBy("role").execute(),
  sessions: await db.selectFrom("sessions").select("id").orderBy("id").execute(),
  departments: await db.selectFrom("departments").selectAll().orderBy("id").execute(),
  outbox: await db.selectFrom("outbox").select("id").orderBy("id").execute(),
});

const statusOf = async (email: string) =>
  (await db.selectFrom("users").select("status").where("email", "=", email).executeTakeFirstOrThrow()).status;

describe("people sync from a file", () => {
  it("previews who is added, changed, deactivated and kept, with per-row errors, and writes nothing", async () => {
    const s = stamp();
    const stays = await createTestUser({ name: `Stays ${s}` });
    const changes = await createTestUser({ name: `Old name ${s}` });
    const leaves = await createTestUser({ name: `Leaves ${s}` });
    const otherAdmin = await createTestUser({ roles: ["admin", "employee"], name: `Second admin ${s}` });
    const base = (await currentCompany([changes.email, leaves.email, otherAdmin.email])).map((line) => `${line},,,`);
    const csv = [
      "email,name,department,roles,language",
      ...base,
      `${changes.email},New name ${s},Ventas,employee;editor,en`,
      `new.${s}@example.com,Nueva Persona,Marketing,,es`,
      `bad-email,Nobody,,,`,
      `unknown.${s}@example.com,Someone,Nowhere,,`,
      `lang.${s}@example.com,Someone,,,klingon`,
    ].join("\n");
    const before = await snapshot();
    const { data } = await preview(admin.cookie, csv);
    expect(await snapshot()).toEqual(before);
    expect(data.status).toBe("previewed");
    expect(data.creates.map((c: { email: string }) => c.email)).toEqual([`new.${s}@example.com`]);
    expect(data.updates).toEqual([
      expect.objectContaining({
        email: changes.email,
        before: { name: `Old name ${s}`, departmentName: null, roles: ["employee"], locale: null },
        after: { name: `New name ${s}`, departmentName: "Ventas", roles: ["employee", "editor"], locale: "en" },
      }),
    ]);
    expect(data.deactivations.map((d: { email: string }) => d.email)).toEqual([leaves.email]);
    expect(data.kept).toEqual([expect.objectContaining({ email: otherAdmin.email, reason: "admin" })]);
    expect(data.counts.unchanged).toBe(base.length);
    expect(base.join()).toContain(stays.email);
    const errors = Object.fromEntries(data.rowErrors.map((e: { email: string; errors: string[] }) => [e.email, e.errors]));
    expect(errors["bad-email"]).toEqual(["people.import.errors.emailInvalid"]);
    expect(errors[`unknown.${s}@example.com`]).toEqual(["people.import.errors.unknownDepartment"]);
    expect(errors[`lang.${s}@example.com`]).toEqual(["people.import.errors.unknownLanguage"]);
  });

  it("applies exactly the preview in one go: invites, updates, deactivates (sessions revoked), audits", async () => {
    const s = stamp();
    const changes = await createTestUser({ name: `Old ${s}` });
    const leaves = await createTestUser({ name: `Leaves ${s}` });
    const csv = [
      "email,name,department,roles,language",
      ...(await currentCompany([changes.email, leaves.email])).map((line) => `${line},,,`),
      `${changes.email},New ${s},Equipo ${s},editor,en`,
      `new.${s}@example.com,Nueva ${s},,,es`,
    ].join("\n");
    const { id } = await preview(admin.cookie, csv, { createDepartments: true });
    const response = await apply(admin.cookie, id);
    expect(response.status).toBe(302);

    const created = await db.selectFrom("users").selectAll().where("email", "=", `new.${s}@example.com`).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ status: "invited", locale: "es", name: `Nueva ${s}` });
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", created.email).execute()).toHaveLength(1);
    const updated = await db
      .selectFrom("users")
      .leftJoin("departments", "departments.id", "users.department_id")
      .select(["users.name", "users.locale", "departments.name as department"])
      .where("users.id", "=", changes.id)
      .executeTakeFirstOrThrow();
    expect(updated).toEqual({ name: `New ${s}`, locale: "en", department: `Equipo ${s}` });
    expect((await db.selectFrom("user_roles").select("role").where("user_id", "=", changes.id).execute()).map((r) => r.role)).toEqual([
      "editor",
    ]);
    expect(await statusOf(leaves.email)).toBe("deactivated");
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", leaves.id).execute()).toEqual([]);
    expect(await statusOf(admin.email)).toBe("active");
    const audit = await db.selectFrom("audit_log").select(["action", "target_id"]).where("actor_id", "=", admin.id).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "directory.synced", target_id: id },
        { action: "person.deactivated", target_id: leaves.id },
        { action: "person.created", target_id: created.id },
        { action: "person.roles_changed", target_id: changes.id },
      ]),
    );
    // Applied once: a second confirmation changes nothing.
    const before = await snapshot();
    const again = await apply(admin.cookie, id);
    expect(again.status).toBe(400);
    expect((await jsonOf(again)).errors[""]).toBe("peopleSync.errors.alreadyDone");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to apply a preview when the people changed since, and writes nothing", async () => {
    const s = stamp();
    const leaves = await createTestUser({ name: `Leaves ${s}` });
    const { id } = await preview(admin.cookie, ["email,name", ...(await currentCompany([leaves.email]))].join("\n"));
    await db
      .updateTable("users")
      .set({ name: `Renamed meanwhile ${s}` })
      .where("id", "=", hr.id)
      .execute();
    const before = await snapshot();
    const response = await apply(admin.cookie, id);
    expect((await jsonOf(response)).errors[""]).toBe("peopleSync.errors.peopleChanged");
    expect(await snapshot()).toEqual(before);
    expect(await statusOf(leaves.email)).toBe("active");
    const loaded = await jsonOf(await call(syncPreview.loader, getRequest(`/admin/people/sync/${id}`, { cookie: admin.cookie }), { id }));
    expect(loaded.status).toBe("discarded");
  });

  it("asks for the typed number of deactivations when more than the configured share would go", async () => {
    const s = stamp();
    const leavers = [await createTestUser({ name: `A ${s}` }), await createTestUser({ name: `B ${s}` })];
    const csv = ["email,name", ...(await currentCompany(leavers.map((l) => l.email)))].join("\n");
    const { id, data } = await preview(admin.cookie, csv, { maxDeactivationPercent: "0" });
    expect(data.massConfirmation).toBe(true);
    const before = await snapshot();
    for (const typed of [undefined, "1", "abc"]) {
      const refused = await apply(admin.cookie, id, typed);
      expect((await jsonOf(refused)).errors.confirmDeactivations).toBe("peopleSync.errors.confirmationNeeded");
    }
    expect(await snapshot()).toEqual(before);
    expect((await apply(admin.cookie, id, "2")).status).toBe(302);
    for (const leaver of leavers) expect(await statusOf(leaver.email)).toBe("deactivated");
  });

  it("is all or nothing: a step refused half-way (the last admin losing the role) undoes the rest", async () => {
    const s = stamp();
    const leaves = await createTestUser({ name: `Leaves ${s}` });
    await db.deleteFrom("user_roles").where("role", "=", "admin").where("user_id", "!=", admin.id).execute();
    const csv = [
      "email,name,roles",
      ...(await currentCompany([admin.email, leaves.email])).map((line) => `${line},`),
      `${admin.email},Ada Admin,employee`,
      `new.${s}@example.com,Nueva,`,
    ].join("\n");
    const { id, data } = await preview(admin.cookie, csv);
    expect(data.counts).toMatchObject({ creates: 1, updates: 1, deactivations: 1 });
    const before = await snapshot();
    const response = await apply(admin.cookie, id);
    expect((await jsonOf(response)).errors[""]).toBe("people.errors.lastAdmin");
    expect(await snapshot()).toEqual(before);
  });

  it("deactivates nobody unless the file is marked as the whole company; HR cannot change admins or the share", async () => {
    const s = stamp();
    const absent = await createTestUser({ name: `Absent ${s}` });
    const { data } = await preview(hr.cookie, ["email,name", `${admin.email},Renamed Admin`].join("\n"), { wholeCompany: false });
    expect(data.counts.deactivations).toBe(0);
    expect(data.rowErrors).toEqual([expect.objectContaining({ email: admin.email, errors: ["people.import.errors.roleNotAllowed"] })]);
    expect(await statusOf(absent.email)).toBe("active");
    const refused = await upload(hr.cookie, "email,name\na@example.com,A", { maxDeactivationPercent: "50" });
    expect((await jsonOf(refused)).errors.maxDeactivationPercent).toBe("peopleSync.errors.adminOnly");
  });
});

describe("people sync with two confirmations at once", () => {
  it("applies the preview once (the claim and the people's hash are checked in one serializable transaction)", async () => {
    const s = stamp();
    const csv = ["email,name", ...(await currentCompany()), `twice.${s}@example.com,Twice ${s}`].join("\n");
    const { id } = await preview(admin.cookie, csv);
    const answers = await Promise.all([apply(admin.cookie, id), apply(admin.cookie, id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    expect(await db.selectFrom("users").select("id").where("email", "=", `twice.${s}@example.com`).execute()).toHaveLength(1);
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", `twice.${s}@example.com`).execute()).toHaveLength(1);
  });
});
