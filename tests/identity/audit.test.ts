import { beforeAll, describe, expect, it } from "vitest";
import * as person from "~/routes/admin.people.$id";
import * as audit from "~/routes/admin.audit";
import * as auditCsv from "~/routes/admin.audit[.csv]";
import { getPointScheme, updatePointScheme } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";

let admin: TestUser;

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin", "employee"], name: "Ana Admin" });
});

describe("the audit trail", () => {
  it("records role changes and deactivations with who, before and after, and admins read and export it", async () => {
    const target = await createTestUser({ roles: ["employee"], name: "Beto" });
    const saved = await call(
      person.action,
      postRequest(
        `/admin/people/${target.id}`,
        { intent: "update", name: "Beto", departmentId: "", roles: ["employee", "editor"] },
        { cookie: admin.cookie },
      ),
      { id: target.id },
    );
    expect(saved.status).toBe(302);
    await call(person.action, postRequest(`/admin/people/${target.id}`, { intent: "deactivate" }, { cookie: admin.cookie }), {
      id: target.id,
    });
    const entries = await db.selectFrom("audit_log").selectAll().where("target_id", "=", target.id).orderBy("created_at").execute();
    expect(entries.map((e) => [e.action, e.actor_id, e.before_json, e.after_json])).toEqual([
      ["person.roles_changed", admin.id, JSON.stringify({ roles: ["employee"] }), JSON.stringify({ roles: ["employee", "editor"] })],
      ["person.deactivated", admin.id, JSON.stringify({ status: "active" }), JSON.stringify({ status: "deactivated" })],
    ]);
    expect(entries[0].actor_label).toBe(`Ana Admin <${admin.email}>`);

    const page = await jsonOf(await call(audit.loader, getRequest("/admin/audit?action=person.deactivated", { cookie: admin.cookie })));
    expect(page.entries.every((e: { action: string }) => e.action === "person.deactivated")).toBe(true);
    expect(page.entries.some((e: { target: string }) => e.target.includes(target.email))).toBe(true);
    const csv = await call(auditCsv.loader, getRequest("/admin/audit.csv", { cookie: admin.cookie }));
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain("person.roles_changed");
    expect(text).toContain(target.email);
  });

  it("records a scoring change in the change's transaction, and nothing when nothing changed", async () => {
    const scheme = await getPointScheme(db);
    const count = async () => (await db.selectFrom("audit_log").select("id").where("action", "=", "scoring.changed").execute()).length;
    const before = await count();
    await updatePointScheme(db, scheme, admin.id);
    expect(await count()).toBe(before);
    await updatePointScheme(db, { ...scheme, share: { points: scheme.share.points + 3, cap: null } }, admin.id);
    const entry = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "scoring.changed")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!)).toEqual({ share: { points: scheme.share.points + 3, cap: null } });
    // A failed transaction leaves no entry behind.
    await expect(
      db.transaction().execute(async (trx) => {
        await updatePointScheme(trx, { ...scheme, share: { points: 99, cap: null } }, admin.id);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await count()).toBe(before + 1);
  });
});
