import { beforeAll, describe, expect, it } from "vitest";
import * as peopleList from "~/routes/admin.people._index";
import * as person from "~/routes/admin.people.$id";
import * as departments from "~/routes/admin.departments";
import * as outbox from "~/routes/admin.outbox._index";
import * as outboxMessage from "~/routes/admin.outbox.$id";
import * as login from "~/routes/login";
import * as home from "~/routes/_index";
import { listPeople } from "~/models/people/list.server";
import { insertUser } from "~/models/people/users.server";
import { sendMail } from "~/utils/mail.server";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, TEST_PASSWORD, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";

let admin: TestUser;
let hr: TestUser;
let sales: string;
let support: string;

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin", "employee"], name: "Zz Admin" });
  hr = await createTestUser({ roles: ["hr", "employee"], name: "Zz HR" });
  sales = await createTestDepartment("Ventas");
  support = await createTestDepartment("Soporte");
});

const rolesOf = async (userId: string) =>
  (await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).execute()).map((r) => r.role).sort();
const statusOf = async (userId: string) =>
  (await db.selectFrom("users").select("status").where("id", "=", userId).executeTakeFirstOrThrow()).status;

function post(actor: TestUser, userId: string, fields: Record<string, string | string[]>) {
  return call(person.action, postRequest(`/admin/people/${userId}`, fields, { cookie: actor.cookie }), { id: userId });
}

async function list(actor: TestUser, query: string) {
  const response = await call(peopleList.loader, getRequest(`/admin/people${query}`, { cookie: actor.cookie }));
  expect(response.status).toBe(200);
  return jsonOf<{
    total: number;
    page: number;
    pageSize: number;
    people: { email: string; name: string; roles: string[]; department_name: string | null }[];
  }>(response);
}

describe("the people list", () => {
  let tag: string;
  beforeAll(async () => {
    tag = `f${Date.now()}`;
    const people = [
      { name: `Ana ${tag}`, email: `ana.${tag}@example.com`, departmentId: sales, roles: ["employee", "editor"], status: "active" },
      { name: `Bruno ${tag}`, email: `bruno.${tag}@example.com`, departmentId: sales, roles: ["employee"], status: "invited" },
      {
        name: `Carla ${tag}`,
        email: `carla.${tag}@example.com`,
        departmentId: support,
        roles: ["employee", "reviewer"],
        status: "deactivated",
      },
      { name: `100% Dani ${tag}`, email: `dani.${tag}@example.com`, departmentId: null, roles: ["employee"], status: "active" },
      { name: `Eva_${tag}`, email: `eva.${tag}@example.com`, departmentId: null, roles: ["employee"], status: "active" },
    ] as const;
    for (const p of people) await insertUser(db, { ...p, roles: [...p.roles] });
  });

  it("searches names and emails without case", async () => {
    const byName = await list(admin, `?q=ANA%20${tag}`);
    expect(byName.people.map((p) => p.email)).toEqual([`ana.${tag}@example.com`]);
    expect(byName.people[0].roles).toEqual(["employee", "editor"]);
    expect(byName.people[0].department_name).toBe("Ventas");
    const byEmail = await list(admin, `?q=BRUNO.${tag}@`);
    expect(byEmail.people.map((p) => p.name)).toEqual([`Bruno ${tag}`]);
    expect((await list(admin, `?q=${tag}`)).total).toBe(5);
  });

  it("treats % and _ in the search as plain characters", async () => {
    expect((await list(admin, `?q=${encodeURIComponent("100%")}`)).people.map((p) => p.name)).toEqual([`100% Dani ${tag}`]);
    expect((await list(admin, `?q=${encodeURIComponent("%")}`)).people.map((p) => p.name)).toEqual([`100% Dani ${tag}`]);
    expect((await list(admin, `?q=${encodeURIComponent(`a_${tag}`)}`)).people.map((p) => p.name)).toEqual([`Eva_${tag}`]);
    expect((await list(admin, `?q=${encodeURIComponent(`_${tag}`)}`)).people.map((p) => p.name)).toEqual([`Eva_${tag}`]);
  });

  it("filters by department, status and role, alone and together", async () => {
    expect((await list(admin, `?q=${tag}&department=${sales}`)).people.map((p) => p.name)).toEqual([`Ana ${tag}`, `Bruno ${tag}`]);
    expect((await list(admin, `?q=${tag}&status=invited`)).people.map((p) => p.name)).toEqual([`Bruno ${tag}`]);
    expect((await list(admin, `?q=${tag}&status=deactivated`)).people.map((p) => p.name)).toEqual([`Carla ${tag}`]);
    expect((await list(admin, `?q=${tag}&role=reviewer`)).people.map((p) => p.name)).toEqual([`Carla ${tag}`]);
    expect((await list(admin, `?q=${tag}&department=${sales}&status=active&role=editor`)).people.map((p) => p.name)).toEqual([
      `Ana ${tag}`,
    ]);
    expect((await list(admin, `?q=${tag}&department=${support}&role=editor`)).total).toBe(0);
    // Nonsense filters are ignored rather than failing.
    expect((await list(admin, `?q=${tag}&status=sleeping&role=king&page=-3`)).total).toBe(5);
    // HR sees the same list.
    expect((await list(hr, `?q=${tag}`)).total).toBe(5);
  });

  it("pages through many people", async () => {
    const many = `m${Date.now()}`;
    for (let i = 0; i < 53; i++) {
      await insertUser(db, {
        name: `Many ${many} ${String(i).padStart(2, "0")}`,
        email: `many${i}.${many}@example.com`,
        departmentId: null,
        roles: ["employee"],
        status: "active",
      });
    }
    const first = await list(admin, `?q=${many}`);
    expect(first.total).toBe(53);
    expect(first.pageSize).toBe(50);
    expect(first.people).toHaveLength(50);
    expect(first.people[0].name).toBe(`Many ${many} 00`);
    const second = await list(admin, `?q=${many}&page=2`);
    expect(second.page).toBe(2);
    expect(second.people.map((p) => p.name)).toEqual([`Many ${many} 50`, `Many ${many} 51`, `Many ${many} 52`]);
    expect((await list(admin, `?q=${many}&page=9`)).people).toEqual([]);
    const model = await listPeople(db, { query: many, page: 3, pageSize: 20 });
    expect(model.people.map((p) => p.name)).toEqual(Array.from({ length: 13 }, (_, i) => `Many ${many} ${40 + i}`));
  });
});

describe("editing a person", () => {
  it("an admin changes name, department and roles", async () => {
    const someone = await createTestUser({ roles: ["employee"], departmentId: sales });
    const response = await post(admin, someone.id, {
      intent: "update",
      name: "  Renamed Person ",
      departmentId: support,
      roles: ["employee", "reviewer", "admin"],
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/admin/people/${someone.id}`);
    const row = await db.selectFrom("users").select(["name", "department_id"]).where("id", "=", someone.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Renamed Person", department_id: support });
    expect(await rolesOf(someone.id)).toEqual(["admin", "employee", "reviewer"]);
    // No department.
    expect((await post(admin, someone.id, { intent: "update", name: "Renamed Person", departmentId: "", roles: "employee" })).status).toBe(
      302,
    );
    expect(
      (await db.selectFrom("users").select("department_id").where("id", "=", someone.id).executeTakeFirstOrThrow()).department_id,
    ).toBeNull();
    expect(await rolesOf(someone.id)).toEqual(["employee"]);
  });

  it("the new roles apply to the person's next request", async () => {
    const someone = await createTestUser({ roles: ["employee"] });
    expect((await call(peopleList.loader, getRequest("/admin/people", { cookie: someone.cookie }))).status).toBe(403);
    expect((await post(admin, someone.id, { intent: "update", name: "Now HR", roles: ["employee", "hr"] })).status).toBe(302);
    expect((await call(peopleList.loader, getRequest("/admin/people", { cookie: someone.cookie }))).status).toBe(200);
  });

  it("bad input gets translated errors and changes nothing", async () => {
    const someone = await createTestUser({ roles: ["employee"], departmentId: sales, name: "Unchanged" });
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ intent: "update", name: "", roles: "employee" }, "name", "validation.required"],
      [{ intent: "update", name: "X" }, "roles", "people.errors.noRole"],
      [{ intent: "update", name: "X", roles: "overlord" }, "roles.0", "validation.invalid"],
      [{ intent: "update", name: "X", roles: "employee", departmentId: "nope" }, "departmentId", "people.errors.unknownDepartment"],
      [{ intent: "fly", name: "X", roles: "employee" }, "", "validation.invalid"],
      [{ name: "X", roles: "employee" }, "", "validation.invalid"],
    ];
    for (const [fields, field, key] of cases) {
      const response = await post(admin, someone.id, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect((await jsonOf(response)).errors[field], JSON.stringify(fields)).toBe(key);
      expectTranslated(key);
    }
    const row = await db
      .selectFrom("users")
      .select(["name", "department_id", "status"])
      .where("id", "=", someone.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "Unchanged", department_id: sales, status: "active" });
    expect(await rolesOf(someone.id)).toEqual(["employee"]);
  });

  it("unknown people are a 404", async () => {
    expect((await call(person.loader, getRequest("/admin/people/nobody", { cookie: admin.cookie }), { id: "nobody" })).status).toBe(404);
    expect((await post(admin, "nobody", { intent: "deactivate" })).status).toBe(404);
  });

  it("HR edits people but cannot grant admin nor touch an administrator", async () => {
    const someone = await createTestUser({ roles: ["employee"] });
    expect(
      (await post(hr, someone.id, { intent: "update", name: "By HR", departmentId: sales, roles: ["employee", "editor"] })).status,
    ).toBe(302);
    expect(await rolesOf(someone.id)).toEqual(["editor", "employee"]);

    const grant = await post(hr, someone.id, { intent: "update", name: "By HR", roles: ["employee", "admin"] });
    expect(grant.status).toBe(400);
    expect((await jsonOf(grant)).errors.roles).toBe("people.errors.roleNotAllowed");
    expect(await rolesOf(someone.id)).toEqual(["editor", "employee"]);

    const otherAdmin = await createTestUser({ roles: ["admin"], name: "Other Admin" });
    const attempts: Record<string, string>[] = [
      { intent: "update", name: "Demoted", roles: "employee" },
      { intent: "update", name: "Renamed", roles: "admin" },
      { intent: "deactivate" },
    ];
    for (const fields of attempts) {
      const response = await post(hr, otherAdmin.id, fields);
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).errors[""]).toBe("people.errors.roleNotAllowed");
    }
    expect(await rolesOf(otherAdmin.id)).toEqual(["admin"]);
    expect(await statusOf(otherAdmin.id)).toBe("active");
    expect((await db.selectFrom("users").select("name").where("id", "=", otherAdmin.id).executeTakeFirstOrThrow()).name).toBe(
      "Other Admin",
    );
    expect((await call(home.loader, getRequest("/", { cookie: otherAdmin.cookie }))).status).toBe(200);
  });
});

describe("deactivating and reactivating", () => {
  it("nobody can deactivate themselves", async () => {
    for (const actor of [admin, hr]) {
      const response = await post(actor, actor.id, { intent: "deactivate" });
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).errors[""]).toBe("people.errors.deactivateSelf");
      expectTranslated("people.errors.deactivateSelf");
      expect(await statusOf(actor.id)).toBe("active");
    }
  });

  it("HR deactivates and reactivates an employee, who can sign in again", async () => {
    const someone = await createTestUser({ roles: ["employee"] });
    expect((await post(hr, someone.id, { intent: "deactivate" })).status).toBe(302);
    expect(await statusOf(someone.id)).toBe("deactivated");
    const refused = await call(
      login.action,
      postRequest("/login", { email: someone.email, password: TEST_PASSWORD }),
      {},
      { clientIp: "198.51.100.150" },
    );
    expect(refused.status).toBe(400);

    expect((await post(hr, someone.id, { intent: "reactivate" })).status).toBe(302);
    expect(await statusOf(someone.id)).toBe("active");
    const row = await db.selectFrom("users").select("deactivated_at").where("id", "=", someone.id).executeTakeFirstOrThrow();
    expect(row.deactivated_at).toBeNull();
    const signIn = await call(
      login.action,
      postRequest("/login", { email: someone.email, password: TEST_PASSWORD }),
      {},
      { clientIp: "198.51.100.151" },
    );
    expect(signIn.status).toBe(302);
  });

  it("a deactivated invitee comes back as invited (they never chose a password)", async () => {
    const id = await insertUser(db, {
      email: `inv.${Date.now()}@example.com`,
      name: "Inv",
      departmentId: null,
      roles: ["employee"],
      status: "invited",
    });
    expect((await post(admin, id, { intent: "deactivate" })).status).toBe(302);
    expect(await statusOf(id)).toBe("deactivated");
    expect((await post(admin, id, { intent: "reactivate" })).status).toBe(302);
    expect(await statusOf(id)).toBe("invited");
  });

  it("the last active administrator can be neither demoted nor deactivated", async () => {
    const sole = await createTestUser({ roles: ["admin", "employee"], name: "Sole Admin" });
    const others = await db
      .selectFrom("user_roles")
      .select("user_id")
      .where("role", "=", "admin")
      .where("user_id", "!=", sole.id)
      .execute();
    await db
      .updateTable("users")
      .set({ status: "deactivated" })
      .where(
        "id",
        "in",
        others.map((o) => o.user_id),
      )
      .execute();

    const demote = await post(sole, sole.id, { intent: "update", name: "Sole Admin", roles: "employee" });
    expect(demote.status).toBe(400);
    expect((await jsonOf(demote)).errors.roles).toBe("people.errors.lastAdmin");
    expectTranslated("people.errors.lastAdmin");
    expect(await rolesOf(sole.id)).toEqual(["admin", "employee"]);
    expect((await post(sole, sole.id, { intent: "deactivate" })).status).toBe(400);
    expect(await statusOf(sole.id)).toBe("active");

    // With a second administrator, the first may step down.
    const second = await createTestUser({ roles: ["admin"] });
    expect((await post(second, sole.id, { intent: "update", name: "Sole Admin", roles: "employee" })).status).toBe(302);
    expect(await rolesOf(sole.id)).toEqual(["employee"]);
    // Now `second` is the last one.
    const last = await post(second, second.id, { intent: "update", name: "Second", roles: "hr" });
    expect(last.status).toBe(400);
    expect((await jsonOf(last)).errors.roles).toBe("people.errors.lastAdmin");
    // Restore the others for the tests that follow.
    await db
      .updateTable("users")
      .set({ status: "active" })
      .where(
        "id",
        "in",
        others.map((o) => o.user_id),
      )
      .execute();
  });

  it("two administrators removing each other at the same moment still leave one", async () => {
    const a = await createTestUser({ roles: ["admin"], name: "Admin A" });
    const b = await createTestUser({ roles: ["admin"], name: "Admin B" });
    const others = await db
      .selectFrom("user_roles")
      .select("user_id")
      .where("role", "=", "admin")
      .where("user_id", "not in", [a.id, b.id])
      .execute();
    await db
      .updateTable("users")
      .set({ status: "deactivated" })
      .where(
        "id",
        "in",
        others.map((o) => o.user_id),
      )
      .execute();
    try {
      const responses = await Promise.all([post(a, b.id, { intent: "deactivate" }), post(b, a.id, { intent: "deactivate" })]);
      const active = await db
        .selectFrom("users")
        .innerJoin("user_roles", "user_roles.user_id", "users.id")
        .select("users.id")
        .where("user_roles.role", "=", "admin")
        .where("users.status", "=", "active")
        .execute();
      expect(active.length, `responses ${responses.map((r) => r.status)}`).toBe(1);
    } finally {
      await db
        .updateTable("users")
        .set({ status: "active" })
        .where(
          "id",
          "in",
          others.map((o) => o.user_id),
        )
        .execute();
    }
  });
});

describe("departments", () => {
  it("admins create departments; duplicates and blanks are refused", async () => {
    const created = await call(departments.action, postRequest("/admin/departments", { name: "  Marketing " }, { cookie: admin.cookie }));
    expect(created.status).toBe(302);
    expect(await db.selectFrom("departments").select("name").where("name", "=", "Marketing").executeTakeFirst()).toEqual({
      name: "Marketing",
    });
    const before = Number(
      (
        await db
          .selectFrom("departments")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (const [name, key] of [
      ["marketing", "people.errors.duplicateDepartment"],
      ["", "validation.required"],
      ["x".repeat(81), "validation.tooLong"],
    ]) {
      const response = await call(departments.action, postRequest("/admin/departments", { name }, { cookie: admin.cookie }));
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).errors.name).toBe(key);
      expectTranslated(key);
    }
    const after = Number(
      (
        await db
          .selectFrom("departments")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });

  it("lists departments with the headcount of people not deactivated", async () => {
    const dept = await createTestDepartment(`Headcount ${Date.now()}`);
    await createTestUser({ departmentId: dept });
    await insertUser(db, {
      email: `hc.inv.${Date.now()}@example.com`,
      name: "Inv",
      departmentId: dept,
      roles: ["employee"],
      status: "invited",
    });
    await insertUser(db, {
      email: `hc.off.${Date.now()}@example.com`,
      name: "Off",
      departmentId: dept,
      roles: ["employee"],
      status: "deactivated",
    });
    const { departments: rows } = await jsonOf(await call(departments.loader, getRequest("/admin/departments", { cookie: admin.cookie })));
    expect(Number(rows.find((d: { id: string }) => d.id === dept).people)).toBe(2);
  });
});

describe("outbox", () => {
  it("admins read the mails Altavoz sent; unknown ones are a 404", async () => {
    await sendMail(db, { to: "reader@example.com", subject: "Hola <b>", text: "Body with <script>", html: "<p>x</p>" });
    const { messages } = await jsonOf(await call(outbox.loader, getRequest("/admin/outbox", { cookie: admin.cookie })));
    const mail = messages.find((m: { to_address: string }) => m.to_address === "reader@example.com");
    expect(mail.subject).toBe("Hola <b>");
    expect(mail.transport).toBe("outbox");
    const page = await jsonOf(
      await call(outboxMessage.loader, getRequest(`/admin/outbox/${mail.id}`, { cookie: admin.cookie }), { id: mail.id }),
    );
    expect(page.message.text_body).toBe("Body with <script>");
    expect((await call(outboxMessage.loader, getRequest("/admin/outbox/none", { cookie: admin.cookie }), { id: "none" })).status).toBe(404);
    expect((await call(outbox.loader, getRequest("/admin/outbox", { cookie: hr.cookie }))).status).toBe(403);
  });
});
