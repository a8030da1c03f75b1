import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";

export async function listDepartments(db: DB) {
  return db.selectFrom("departments").select(["id", "name"]).orderBy("name").execute();
}

export async function listDepartmentsWithHeadcount(db: DB) {
  return db
    .selectFrom("departments")
    .leftJoin("users", (join) => join.onRef("users.department_id", "=", "departments.id").on("users.status", "!=", "deactivated"))
    .select(["departments.id", "departments.name", (eb) => eb.fn.count<number>("users.id").as("people")])
    .groupBy(["departments.id", "departments.name"])
    .orderBy("departments.name")
    .execute();
}

export async function findDepartmentByName(db: DB, name: string) {
  const wanted = name.trim().toLowerCase();
  return db
    .selectFrom("departments")
    .select(["id", "name"])
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", wanted))
    .executeTakeFirst();
}

export type CreateDepartmentResult = { ok: true; id: string } | { ok: false; reason: "duplicate" };

export async function createDepartment(db: DB, name: string): Promise<CreateDepartmentResult> {
  if (await findDepartmentByName(db, name)) return { ok: false, reason: "duplicate" };
  const id = newId();
  await db.insertInto("departments").values({ id, name: name.trim(), created_at: Date.now() }).execute();
  return { ok: true, id };
}

export async function departmentExists(db: DB, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom("departments").select("id").where("id", "=", id).executeTakeFirst());
}
