import { beforeAll, describe, expect, it, vi } from "vitest";
import * as importPage from "~/routes/admin.people.import._index";
import * as importResult from "~/routes/admin.people.import.$id";
import { createDepartment } from "~/models/people/departments.server";
import { createInvitation, sendInvitationMail } from "~/models/people/invitations.server";
import {
  failInterruptedImports,
  getPeopleImport,
  importProgress,
  MAX_IMPORT_BYTES,
  parsePeopleCsv,
  runPeopleImport,
  startPeopleImport,
  validateRows,
} from "~/models/people/import.server";
import { insertUser } from "~/models/people/users.server";
import { sha256 } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";

let admin: TestUser;
let hr: TestUser;
let run = 0;

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"] });
  hr = await createTestUser({ roles: ["hr"] });
  await createTestDepartment("Comunicación");
  await createTestDepartment("Ventas");
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function upload(cookie: string, content: string, { filename = "people.csv", type = "text/csv", createDepartments = false } = {}) {
  const form = new FormData();
  form.append("file", new File([content], filename, { type }));
  if (createDepartments) form.append("createDepartments", "on");
  return call(importPage.action, postRequest("/admin/people/import", form, { cookie }));
}

async function waitForImport(id: string) {
  for (let i = 0; i < 400; i++) {
    const result = await getPeopleImport(db, id);
    if (result && result.status !== "running") return result;
    await sleep(25);
  }
  throw new Error(`import ${id} still running`);
}

async function waitForMails(emails: string[]) {
  for (let i = 0; i < 400; i++) {
    const rows = await db.selectFrom("outbox").select("to_address").where("to_address", "in", emails).execute();
    if (rows.length >= emails.length) return rows;
    await sleep(25);
  }
  throw new Error("mails not sent");
}

async function importIdFrom(response: Response): Promise<string> {
  expect(response.status).toBe(302);
  const match = /^\/admin\/people\/import\/([^/]+)$/.exec(response.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return match![1];
}

const count = async (table: "users" | "invitations" | "outbox" | "people_imports" | "departments") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const unique = (name: string) => `${name}.${++run}.${Date.now()}@example.com`;

describe("CSV import", () => {
  it("imports the valid rows as invited people and lists the others with line numbers and reasons", async () => {
    const member = await createTestUser();
    const ana = unique("ana");
    const luis = unique("luis");
    const sara = unique("sara");
    const csv = [
      "email,name,department,roles",
      `${ana},Ana García,Comunicación,employee`,
      "not-an-email,Bad Email,,",
      `${unique("noname")},,Ventas,employee`,
      `${ana.toUpperCase()},Ana Again,Ventas,employee`,
      `${unique("boss")},Boss,,employee;boss`,
      `${unique("nowhere")},Nowhere,Departamento Fantasma,employee`,
      `${member.email},Already Here,,employee`,
      `${luis},"Pérez, Luis",ventas,employee; editor`,
      `${sara},Sara,,`,
    ].join("\r\n");
    const response = await upload(admin.cookie, csv);
    const id = await importIdFrom(response);
    const result = await waitForImport(id);
    expect(result.status).toBe("done");
    expect(result.total_rows).toBe(9);
    expect(result.imported_rows).toBe(3);
    expect(result.created_by).toBe(admin.id);
    expect(result.filename).toBe("people.csv");
    expect(result.rowErrors.map((r) => [r.line, r.errors])).toEqual([
      [3, ["people.import.errors.emailInvalid"]],
      [4, ["people.import.errors.nameMissing"]],
      [5, ["people.import.errors.emailRepeated"]],
      [6, ["people.import.errors.unknownRole"]],
      [7, ["people.import.errors.unknownDepartment"]],
      [8, ["people.import.errors.alreadyMember"]],
    ]);
    for (const row of result.rowErrors) for (const key of row.errors) expectTranslated(key);

    const people = await db
      .selectFrom("users")
      .leftJoin("departments", "departments.id", "users.department_id")
      .select(["users.id", "users.email", "users.name", "users.status", "departments.name as department"])
      .where("users.email", "in", [ana, luis, sara])
      .orderBy("users.email")
      .execute();
    expect(people.map((p) => [p.email, p.name, p.status, p.department])).toEqual(
      [
        [ana, "Ana García", "invited", "Comunicación"],
        [luis, "Pérez, Luis", "invited", "Ventas"],
        [sara, "Sara", "invited", null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const roles = await db
      .selectFrom("user_roles")
      .select(["user_id", "role"])
      .where(
        "user_id",
        "in",
        people.map((p) => p.id),
      )
      .execute();
    const rolesOf = (email: string) =>
      roles
        .filter((r) => r.user_id === people.find((p) => p.email === email)!.id)
        .map((r) => r.role)
        .sort();
    expect(rolesOf(ana)).toEqual(["employee"]);
    expect(rolesOf(luis)).toEqual(["editor", "employee"]);
    expect(rolesOf(sara)).toEqual(["employee"]);
    // The member's name was not touched.
    expect((await db.selectFrom("users").select("name").where("id", "=", member.id).executeTakeFirstOrThrow()).name).not.toBe(
      "Already Here",
    );

    // One open invitation each, and its link by mail.
    const mails = await waitForMails([ana, luis, sara]);
    expect(mails).toHaveLength(3);
    for (const person of people) {
      const invitations = await db.selectFrom("invitations").selectAll().where("user_id", "=", person.id).execute();
      expect(invitations).toHaveLength(1);
      const mail = await db.selectFrom("outbox").select("text_body").where("to_address", "=", person.email).executeTakeFirstOrThrow();
      const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
      expect(invitations[0].token_hash).toBe(sha256(token));
    }

    // The result page shows the report.
    const page = await call(importResult.loader, getRequest(`/admin/people/import/${id}`, { cookie: admin.cookie }), { id });
    expect(page.status).toBe(200);
    const body = await jsonOf(page);
    expect(body.result.status).toBe("done");
    expect(body.result.rowErrors).toHaveLength(6);
    expect(body.result.error_report).toBeUndefined();
    expect(body.progress).toBeNull();
    // And the import page lists it.
    const list = await jsonOf(await call(importPage.loader, getRequest("/admin/people/import", { cookie: admin.cookie })));
    expect(list.imports.map((i: { id: string }) => i.id)).toContain(id);
  });

  it("reports the right line numbers when the file has blank lines", async () => {
    const csv = [
      "email,name",
      `${unique("one")},One`,
      "",
      "bad-email,Two",
      "",
      "  ",
      `${unique("three")},`,
      `${unique("four")},"Four`,
      `on two lines"`,
      "bad,Five",
      "",
    ].join("\n");
    const parsed = parsePeopleCsv(csv);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.totalRows).toBe(5);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 8]);
    expect(parsed.rowErrors.map((r) => r.line)).toEqual([4, 7, 10]);
    // Semicolons with blank lines too.
    const semicolons = parsePeopleCsv(`\n\ncorreo;nombre\n\n${unique("s")};Ese\nmal;Dos\n`);
    expect(semicolons.ok && semicolons.rowErrors.map((r) => r.line)).toEqual([6]);
    expect(semicolons.ok && semicolons.rows.map((r) => r.line)).toEqual([5]);
  });

  it("accepts Spanish headers, a byte-order mark and semicolons, and can create departments", async () => {
    const one = unique("uno");
    const two = unique("dos");
    const csv = `\uFEFFCorreo;Nombre;Departamento;Rol\n${one};Uno;Logística;empleado\n${one.replace("uno", "x")};X;Logística;reviewer|editor\n${two};Dos;logística;employee\n`;
    const departmentsBefore = await count("departments");
    const id = await importIdFrom(await upload(admin.cookie, csv, { createDepartments: true }));
    const result = await waitForImport(id);
    expect(result.status).toBe("done");
    // "empleado" is not a role name: that row is reported, the others are imported.
    expect(result.rowErrors.map((r) => [r.line, r.errors])).toEqual([[2, ["people.import.errors.unknownRole"]]]);
    expect(result.imported_rows).toBe(2);
    expect(await count("departments")).toBe(departmentsBefore + 1);
    const dept = await db.selectFrom("departments").select("id").where("name", "=", "Logística").executeTakeFirstOrThrow();
    const people = await db
      .selectFrom("users")
      .select(["email", "department_id"])
      .where("email", "in", [one.replace("uno", "x"), two])
      .execute();
    expect(people).toHaveLength(2);
    expect(people.every((p) => p.department_id === dept.id)).toBe(true);
    await waitForMails([one.replace("uno", "x"), two]);
  });

  it("HR cannot grant the admin role by import", async () => {
    const boss = unique("boss");
    const fine = unique("fine");
    const id = await importIdFrom(await upload(hr.cookie, `email,name,roles\n${boss},Boss,admin\n${fine},Fine,hr\n`));
    const result = await waitForImport(id);
    expect(result.rowErrors).toEqual([{ line: 2, email: boss, errors: ["people.import.errors.roleNotAllowed"] }]);
    expect(await db.selectFrom("users").select("id").where("email", "=", boss).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("users").select("id").where("email", "=", fine).executeTakeFirst()).toBeDefined();
    await waitForMails([fine]);
  });

  it("HR cannot re-import a pending administrator", async () => {
    const email = unique("pending.admin");
    await insertUser(db, { email, name: "Pending Admin", departmentId: null, roles: ["admin"], status: "invited" });
    const id = await importIdFrom(await upload(hr.cookie, `email,name\n${email},Demoted\n`));
    const result = await waitForImport(id);
    expect(result.imported_rows).toBe(0);
    expect(result.rowErrors).toEqual([{ line: 2, email, errors: ["people.import.errors.roleNotAllowed"] }]);
    const user = await db.selectFrom("users").select(["id", "name"]).where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.name).toBe("Pending Admin");
    expect((await db.selectFrom("user_roles").select("role").where("user_id", "=", user.id).execute()).map((r) => r.role)).toEqual([
      "admin",
    ]);
  });

  it("re-importing someone still invited refreshes them and revokes their earlier link", async () => {
    const email = unique("again");
    const first = await waitForImport(await importIdFrom(await upload(admin.cookie, `email,name\n${email},First Name\n`)));
    expect(first.imported_rows).toBe(1);
    await waitForMails([email]);
    const second = await waitForImport(await importIdFrom(await upload(admin.cookie, `email,name,roles\n${email},Second Name,editor\n`)));
    expect(second.imported_rows).toBe(1);
    const user = await db.selectFrom("users").select(["id", "name"]).where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.name).toBe("Second Name");
    const invitations = await db
      .selectFrom("invitations")
      .select(["revoked_at"])
      .where("user_id", "=", user.id)
      .orderBy("created_at")
      .execute();
    expect(invitations).toHaveLength(2);
    expect(invitations.filter((i) => i.revoked_at === null)).toHaveLength(1);
    for (let i = 0; i < 200 && (await db.selectFrom("outbox").select("id").where("to_address", "=", email).execute()).length < 2; i++)
      await sleep(25);
  });

  it("writes nothing when the import fails midway, and marks it failed", async () => {
    const emails = [unique("a"), unique("b"), unique("c")];
    const csv = `email,name,department\n${emails[0]},A,Nuevo Departamento\n${emails[1]},B,Nuevo Departamento\n${emails[2]},C,\n`;
    const parsed = parsePeopleCsv(csv);
    if (!parsed.ok) throw new Error(parsed.error);
    const checked = await validateRows(db, parsed.rows, { importerRoles: ["admin"], createDepartments: true });
    expect(checked.valid).toHaveLength(3);
    const id = await startPeopleImport(db, { createdBy: admin.id, filename: "race.csv", totalRows: 3, rowErrors: checked.rowErrors });
    // Between the check and the run, the third person signs up by another route.
    await insertUser(db, { email: emails[2], name: "Got In First", departmentId: null, roles: ["employee"], status: "active" });
    const before = {
      users: await count("users"),
      invitations: await count("invitations"),
      outbox: await count("outbox"),
      departments: await count("departments"),
    };

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await runPeopleImport(db, id, checked.valid, {
      invitedBy: admin.id,
      createDepartments: true,
      origin: "http://altavoz.test",
      locale: "es",
    });
    expect(logged).toHaveBeenCalledWith("People import failed", expect.any(Error));
    logged.mockRestore();

    const result = await waitForImport(id);
    expect(result.status).toBe("failed");
    expect(result.imported_rows).toBe(0);
    expect(result.finished_at).not.toBeNull();
    expect(await db.selectFrom("users").select("id").where("email", "in", emails.slice(0, 2)).execute()).toEqual([]);
    expect(await db.selectFrom("departments").select("id").where("name", "=", "Nuevo Departamento").executeTakeFirst()).toBeUndefined();
    expect({
      users: await count("users"),
      invitations: await count("invitations"),
      outbox: await count("outbox"),
      departments: await count("departments"),
    }).toEqual(before);
    expect(importProgress((await getPeopleImport(db, id))!)).toBeNull();
  });

  it("undoes an import a restart cut short and says so; its held mail is never sent", async () => {
    const emails = [unique("cut1"), unique("cut2")];
    const parsed = parsePeopleCsv(`email,name,department\n${emails[0]},Cut One,Cortado\n${emails[1]},Cut Two,\n`);
    if (!parsed.ok) throw new Error(parsed.error);
    const checked = await validateRows(db, parsed.rows, { importerRoles: ["admin"], createDepartments: true });
    const id = await startPeopleImport(db, { createdBy: admin.id, filename: "cut.csv", totalRows: 2, rowErrors: [] });
    const before = {
      users: await count("users"),
      invitations: await count("invitations"),
      outbox: await count("outbox"),
      departments: await count("departments"),
    };
    // What a process killed after its first chunk leaves: people, invitations and held mail, status "running".
    await db.updateTable("people_imports").set({ heartbeat_at: Date.now() }).where("id", "=", id).execute();
    await db.transaction().execute(async (trx) => {
      const department = await createDepartment(trx, "Cortado");
      if (!department.ok) throw new Error("no department");
      await trx.updateTable("departments").set({ import_id: id }).where("id", "=", department.id).execute();
      const invitation = await createInvitation(trx, {
        email: emails[0],
        name: "Cut One",
        departmentId: department.id,
        roles: ["employee"],
        invitedBy: admin.id,
        importId: id,
      });
      if (!invitation.ok) throw new Error("no invitation");
      await sendInvitationMail(trx, {
        email: emails[0],
        name: "Cut One",
        token: invitation.token,
        origin: "http://altavoz.test",
        locale: "es",
        holdFor: id,
      });
    });
    expect(checked.valid).toHaveLength(2);
    expect(await db.selectFrom("outbox").select("status").where("to_address", "=", emails[0]).execute()).toEqual([{ status: "held" }]);
    // Another instance's import is alive while its heartbeat is recent.
    expect(await failInterruptedImports(db, 60_000)).toBe(0);
    expect(await failInterruptedImports(db)).toBe(1);
    const result = await getPeopleImport(db, id);
    expect(result).toMatchObject({ status: "failed", imported_rows: 0, failure: "people.import.errors.interrupted" });
    expectTranslated(result!.failure);
    expect({
      users: await count("users"),
      invitations: await count("invitations"),
      outbox: await count("outbox"),
      departments: await count("departments"),
    }).toEqual(before);
    // A late chunk of the dead import cannot write any more.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await runPeopleImport(db, id, checked.valid, {
      invitedBy: admin.id,
      createDepartments: true,
      origin: "http://altavoz.test",
      locale: "es",
    });
    logged.mockRestore();
    expect(await db.selectFrom("users").select("id").where("email", "in", emails).execute()).toEqual([]);
  });

  it("shows progress while it runs", async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `${unique(`bulk${i}`)},Bulk ${i}`);
    const parsed = parsePeopleCsv(`email,name\n${rows.join("\n")}`);
    if (!parsed.ok) throw new Error(parsed.error);
    const id = await startPeopleImport(db, { createdBy: admin.id, filename: "bulk.csv", totalRows: 250, rowErrors: [] });
    const running = runPeopleImport(db, id, parsed.rows, {
      invitedBy: admin.id,
      createDepartments: false,
      origin: "http://altavoz.test",
      locale: "es",
    });
    // Read from the import's row, as any instance's import page reads it.
    const progressOf = async () => importProgress((await getPeopleImport(db, id))!);
    const seen = [await progressOf()];
    // Poll on every turn of the event loop; the import yields to it every 100 rows.
    while (seen.at(-1)) {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(await progressOf());
    }
    await running;
    expect(seen[0]).toEqual({ phase: "importing", done: 0, total: 250 });
    expect(seen.some((p) => p && p.done > 0 && p.done < 250)).toBe(true);
    expect(await progressOf()).toBeNull();
    const result = await waitForImport(id);
    expect(result.status).toBe("done");
    expect(result.imported_rows).toBe(250);
  }, 120_000); // 250 invitations with a pause after each chunk: slow on a loaded machine, never stuck
});

describe("CSV import: problems with the file itself", () => {
  const cases: [string, string, { filename?: string; type?: string }, string][] = [
    ["an empty file", "", {}, "people.import.errors.noFile"],
    ["a blank file", " \n \n", {}, "people.import.errors.empty"],
    ["no email/name columns", "correo electrónico falso,apellido\nx@example.com,X\n", {}, "people.import.errors.missingColumns"],
    ["a header and no rows", "email,name\n", {}, "people.import.errors.noRows"],
    [
      "not a CSV",
      "PK\u0003\u0004binary",
      { filename: "people.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
      "people.import.errors.notCsv",
    ],
    [
      "too many rows",
      `email,name\n${Array.from({ length: 10_001 }, (_, i) => `p${i}@example.com,P`).join("\n")}`,
      {},
      "people.import.errors.tooManyRows",
    ],
    ["too large", `email,name\n${"x".repeat(MAX_IMPORT_BYTES + 10)}`, {}, "people.import.errors.tooLarge"],
  ];
  for (const [label, content, options, key] of cases) {
    it(`${label} → 400 with ${key}, and no import is recorded`, async () => {
      const imports = await count("people_imports");
      const users = await count("users");
      const response = await upload(admin.cookie, content, options);
      expect(response.status).toBe(400);
      const { errors } = await jsonOf(response);
      expect(errors.file).toBe(key);
      expectTranslated(key);
      expect(await count("people_imports")).toBe(imports);
      expect(await count("users")).toBe(users);
    });
  }

  it("no file at all → 400", async () => {
    const form = new FormData();
    form.append("createDepartments", "on");
    const response = await call(importPage.action, postRequest("/admin/people/import", form, { cookie: admin.cookie }));
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors.file).toBe("people.import.errors.noFile");
  });

  it("employees cannot import (403) and nothing is recorded", async () => {
    const employee = await createTestUser();
    const imports = await count("people_imports");
    const response = await upload(employee.cookie, `email,name\n${unique("x")},X\n`);
    expect(response.status).toBe(403);
    expect(await count("people_imports")).toBe(imports);
  });
});
