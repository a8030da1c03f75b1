import type { DB } from "~/utils/db.server";
import { serializableTransaction } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { recordAudit, type AuditActor } from "~/models/audit/record.server";
import { findDepartmentByName } from "~/models/people/departments.server";
import { getPerson, updatePerson } from "~/models/people/users.server";
import { SCIM, ScimError } from "./scim-input.server";
import { SCIM_GROUP, type GroupChanges } from "./scim-group-input.server";

// A SCIM group is a department: its members are the people in it. A person is in one department at
// most, so adding them to a group takes them out of the one they were in.

interface Department {
  id: string;
  name: string;
  created_at: number;
}

async function membersOf(db: DB, departmentIds: string[]) {
  const members = new Map<string, { value: string; display: string }[]>();
  if (!departmentIds.length) return members;
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "department_id"])
    .where("department_id", "in", departmentIds)
    .orderBy("name")
    .execute();
  for (const row of rows) {
    const key = row.department_id ?? "";
    members.set(key, [...(members.get(key) ?? []), { value: row.id, display: row.name }]);
  }
  return members;
}

function toScimGroup(department: Department, members: { value: string; display: string }[] | null, baseUrl: string) {
  return {
    schemas: [SCIM_GROUP],
    id: department.id,
    displayName: department.name,
    ...(members ? { members: members.map((m) => ({ ...m, $ref: `${baseUrl}/Users/${m.value}` })) } : {}),
    meta: { resourceType: "Group", created: new Date(department.created_at).toISOString(), location: `${baseUrl}/Groups/${department.id}` },
  };
}

async function findDepartment(db: DB, id: string): Promise<Department> {
  const department = await db.selectFrom("departments").select(["id", "name", "created_at"]).where("id", "=", id).executeTakeFirst();
  if (!department) throw new ScimError(404, null, `Group ${id} not found`);
  return department;
}

export async function scimGroup(db: DB, id: string, baseUrl: string, withMembers = true) {
  const department = await findDepartment(db, id);
  const members = withMembers ? ((await membersOf(db, [id])).get(id) ?? []) : null;
  return toScimGroup(department, members, baseUrl);
}

export async function listScimGroups(
  db: DB,
  query: { displayName: string | null; startIndex: number; count: number; withMembers: boolean },
  baseUrl: string,
) {
  let base = db.selectFrom("departments");
  if (query.displayName) base = base.where((eb) => eb(eb.fn("lower", ["name"]), "=", query.displayName!.toLowerCase()));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const page =
    query.count === 0
      ? []
      : await base
          .select(["id", "name", "created_at"])
          .orderBy("name")
          .orderBy("id")
          .limit(query.count)
          .offset(query.startIndex - 1)
          .execute();
  const members = query.withMembers
    ? await membersOf(
        db,
        page.map((d) => d.id),
      )
    : null;
  return {
    schemas: [SCIM.list],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: page.length,
    Resources: page.map((d) => toScimGroup(d, members ? (members.get(d.id) ?? []) : null, baseUrl)),
  };
}

/** Moves a person into `departmentId` (or out of every department), through the rules the people pages use. */
async function placePerson(trx: DB, userId: string, departmentId: string | null, actor: AuditActor): Promise<void> {
  const person = await getPerson(trx, userId);
  if (!person) throw new ScimError(400, "invalidValue", `member ${userId} is not a user`);
  if (person.department_id === departmentId) return;
  await updatePerson(trx, userId, { name: person.name, departmentId, roles: person.roles }, actor);
}

async function assertNameFree(trx: DB, name: string, exceptId: string | null) {
  const holder = await findDepartmentByName(trx, name);
  if (holder && holder.id !== exceptId) throw new ScimError(409, "uniqueness", `a group named ${name} already exists`);
}

async function currentMembers(trx: DB, departmentId: string): Promise<string[]> {
  return (await trx.selectFrom("users").select("id").where("department_id", "=", departmentId).execute()).map((r) => r.id);
}

async function applyMembers(trx: DB, departmentId: string, changes: GroupChanges, actor: AuditActor): Promise<void> {
  const current = await currentMembers(trx, departmentId);
  const leaving = new Set(changes.removeAll ? current : changes.remove.filter((id) => current.includes(id)));
  if (changes.members) for (const id of current) if (!changes.members.includes(id)) leaving.add(id);
  const joining = new Set([...(changes.members ?? []), ...changes.add]);
  for (const id of joining) leaving.delete(id);
  for (const id of leaving) await placePerson(trx, id, null, actor);
  for (const id of joining) await placePerson(trx, id, departmentId, actor);
}

/** POST /Groups: a new department, with the people the directory puts in it. */
export async function createScimGroup(db: DB, changes: GroupChanges & { displayName: string }, actor: AuditActor): Promise<string> {
  return serializableTransaction(db, async (trx) => {
    await assertNameFree(trx, changes.displayName, null);
    const id = newId();
    await trx.insertInto("departments").values({ id, name: changes.displayName, created_at: Date.now() }).execute();
    await recordAudit(trx, {
      actorId: actor,
      action: "department.created",
      target: { type: "department", id, label: changes.displayName },
    });
    await applyMembers(trx, id, changes, actor);
    return id;
  });
}

/** PUT and PATCH: a new name and member changes, all or nothing. */
export async function updateScimGroup(db: DB, id: string, changes: GroupChanges, actor: AuditActor): Promise<void> {
  await serializableTransaction(db, async (trx) => {
    const department = await findDepartment(trx, id);
    if (changes.displayName !== undefined && changes.displayName !== department.name) {
      await assertNameFree(trx, changes.displayName, id);
      await trx.updateTable("departments").set({ name: changes.displayName }).where("id", "=", id).execute();
      await recordAudit(trx, {
        actorId: actor,
        action: "department.renamed",
        target: { type: "department", id, label: changes.displayName },
        before: { name: department.name },
        after: { name: changes.displayName },
      });
    }
    await applyMembers(trx, id, changes, actor);
  });
}

/**
 * DELETE: its people are left without a department and the department goes. A department that
 * content is aimed at is kept (deleting it would widen that content's audience to everyone).
 */
export async function deleteScimGroup(db: DB, id: string, actor: AuditActor): Promise<void> {
  await serializableTransaction(db, async (trx) => {
    const department = await findDepartment(trx, id);
    const targeted = await trx.selectFrom("content_targets").select("item_id").where("department_id", "=", id).executeTakeFirst();
    // Likewise a required guideline's or workshop's audience (it would become everyone).
    const required = await trx
      .selectNoFrom((eb) => [
        eb.exists(eb.selectFrom("guideline_required_departments").select("document_id").where("department_id", "=", id)).as("g"),
        eb.exists(eb.selectFrom("workshop_required_departments").select("workshop_id").where("department_id", "=", id)).as("w"),
      ])
      .executeTakeFirstOrThrow();
    if (Number(required.g) || Number(required.w))
      throw new ScimError(
        409,
        "mutability",
        "a required guideline or workshop is aimed at this department; change its audience in Altavoz first",
      );
    if (targeted)
      throw new ScimError(409, "mutability", "content is aimed at this department; change that content's audience in Altavoz first");
    for (const userId of await currentMembers(trx, id)) await placePerson(trx, userId, null, actor);
    await trx.deleteFrom("departments").where("id", "=", id).execute();
    await recordAudit(trx, { actorId: actor, action: "department.deleted", target: { type: "department", id, label: department.name } });
  });
}
