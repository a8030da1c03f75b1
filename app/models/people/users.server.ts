import { inTransaction, serializableTransaction, type DB } from "~/utils/db.server";
import { type Locale, type Role, type UserStatus } from "#db/schema";
import { sortRoles } from "~/utils/session-user.server";
import { newId } from "~/utils/crypto.server";
import { hashPassword } from "~/utils/password.server";
import { moveBucketsToDepartment } from "~/models/scoring/points.server";
import { recordAudit, type AuditActor } from "~/models/audit/record.server";
import { moveRollups } from "~/models/analytics/rollups.server";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function countUsers(db: DB): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(db: DB, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

interface NewPerson {
  email: string;
  name: string;
  departmentId: string | null;
  roles: Role[];
  status: UserStatus;
  password?: string;
  locale?: Locale | null;
  /** Set by a people import while it runs, so a failed import can remove whom it created. */
  importId?: string | null;
}

/** Inserts a person and their roles; call inside a transaction when more rows depend on it. */
export async function insertUser(db: DB, person: NewPerson): Promise<string> {
  const id = newId();
  const now = Date.now();
  await db
    .insertInto("users")
    .values({
      id,
      email: normaliseEmail(person.email),
      name: person.name.trim(),
      password_hash: person.password ? await hashPassword(person.password) : null,
      department_id: person.departmentId,
      locale: person.locale ?? null,
      status: person.status,
      created_at: now,
      activated_at: person.status === "active" ? now : null,
      deactivated_at: null,
      import_id: person.importId ?? null,
    })
    .execute();
  await setRoles(db, id, person.roles);
  return id;
}

export async function setRoles(db: DB, userId: string, roles: Role[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("user_roles").where("user_id", "=", userId).execute();
    const unique = sortRoles(roles);
    if (unique.length) {
      await trx
        .insertInto("user_roles")
        .values(unique.map((role) => ({ user_id: userId, role })))
        .execute();
    }
    await refreshOnboardingProgress(trx, [userId]);
  });
}

export type CreateFirstAdminResult = { ok: true; userId: string } | { ok: false; reason: "already-set-up" };

/**
 * Creates the first administrator, only while nobody exists. The check and the insert share
 * one serializable transaction so two simultaneous set-ups cannot both succeed (under
 * PostgreSQL's default READ COMMITTED both would see an empty table and both would insert).
 */
export async function createFirstAdmin(
  db: DB,
  input: { email: string; name: string; password: string; locale?: Locale | null },
): Promise<CreateFirstAdminResult> {
  const passwordReady = await hashPassword(input.password);
  return serializableTransaction(db, async (trx) => {
    if ((await countUsers(trx)) > 0) return { ok: false, reason: "already-set-up" } as const;
    const userId = await insertUser(trx, {
      email: input.email,
      name: input.name,
      departmentId: null,
      roles: ["admin", "employee"],
      status: "active",
      locale: input.locale ?? null,
    });
    await trx.updateTable("users").set({ password_hash: passwordReady }).where("id", "=", userId).execute();
    return { ok: true, userId } as const;
  });
}

export async function getPerson(db: DB, userId: string) {
  const person = await db
    .selectFrom("users")
    .leftJoin("departments", "departments.id", "users.department_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.status",
      "users.locale",
      "users.created_at",
      "users.activated_at",
      "users.deactivated_at",
      "users.department_id",
      "departments.name as department_name",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  if (!person) return null;
  const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).execute();
  return { ...person, roles: sortRoles(roles.map((r) => r.role)) };
}

export type KeepAdminResult = { ok: true } | { ok: false; reason: "last-admin" };

/** Whether `userId` is an active administrator and nobody else is; read inside the caller's transaction. */
async function isLastActiveAdmin(trx: DB, userId: string): Promise<boolean> {
  const admins = await trx
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select("users.id")
    .where("user_roles.role", "=", "admin")
    .where("users.status", "=", "active")
    .execute();
  return admins.length === 1 && admins[0].id === userId;
}

/** Saves name, department and roles; refuses to take the admin role from the last active administrator. */
export async function updatePerson(
  db: DB,
  userId: string,
  changes: { name: string; departmentId: string | null; roles: Role[] },
  actor: AuditActor = null,
): Promise<KeepAdminResult> {
  const run = (work: (trx: DB) => Promise<KeepAdminResult>) => (db.isTransaction ? work(db) : serializableTransaction(db, work));
  return run(async (trx) => {
    if (!changes.roles.includes("admin") && (await isLastActiveAdmin(trx, userId))) return { ok: false, reason: "last-admin" } as const;
    const before = await getPerson(trx, userId);
    const departmentBefore = await trx.selectFrom("users").select("department_id").where("id", "=", userId).executeTakeFirst();
    await trx
      .updateTable("users")
      .set({ name: changes.name.trim(), department_id: changes.departmentId })
      .where("id", "=", userId)
      .execute();
    await setRoles(trx, userId, changes.roles);
    await moveBucketsToDepartment(trx, userId, changes.departmentId);
    if (before)
      await auditPersonChange(trx, actor, before, {
        name: changes.name.trim(),
        departmentId: changes.departmentId,
        roles: sortRoles(changes.roles),
      });
    if (departmentBefore) await moveRollups(trx, "person", userId, "department", departmentBefore.department_id, changes.departmentId);
    return { ok: true } as const;
  });
}

/** One audit entry for a role change (privileged) and one for other details, each only when something changed. */
async function auditPersonChange(
  trx: DB,
  actor: AuditActor,
  before: { id: string; email: string; name: string; department_id: string | null; roles: Role[] },
  after: { name: string; departmentId: string | null; roles: Role[] },
): Promise<void> {
  const target = { type: "person", id: before.id, label: before.email };
  if (before.roles.join() !== after.roles.join()) {
    await recordAudit(trx, {
      actorId: actor,
      action: "person.roles_changed",
      target,
      before: { roles: before.roles },
      after: { roles: after.roles },
    });
  }
  if (before.name !== after.name || before.department_id !== after.departmentId) {
    await recordAudit(trx, {
      actorId: actor,
      action: "person.updated",
      target,
      before: { name: before.name, departmentId: before.department_id },
      after: { name: after.name, departmentId: after.departmentId },
    });
  }
}

/**
 * Deactivation takes effect at once: every session of the person is deleted in the same transaction.
 * The last active administrator cannot be deactivated (checked in that transaction too, so two
 * administrators deactivating each other at the same moment cannot leave none).
 */
export async function deactivateUser(db: DB, userId: string, actor: AuditActor = null): Promise<KeepAdminResult> {
  const run = (work: (trx: DB) => Promise<KeepAdminResult>) => (db.isTransaction ? work(db) : serializableTransaction(db, work));
  return run(async (trx) => {
    if (await isLastActiveAdmin(trx, userId)) return { ok: false, reason: "last-admin" } as const;
    const user = await trx.selectFrom("users").select(["email", "status"]).where("id", "=", userId).executeTakeFirst();
    if (!user) return { ok: true } as const;
    await trx.updateTable("users").set({ status: "deactivated", deactivated_at: Date.now() }).where("id", "=", userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await refreshOnboardingProgress(trx, [userId]);
    if (user.status !== "deactivated") {
      await recordAudit(trx, {
        actorId: actor,
        action: "person.deactivated",
        target: { type: "person", id: userId, label: user.email },
        before: { status: user.status },
        after: { status: "deactivated" },
      });
    }
    return { ok: true } as const;
  });
}

/**
 * Gives a deactivated person their access back: active again when they have a password or sign in
 * with the company's provider (`signsInWithSso`), otherwise invited (they still need to accept).
 */
export async function reactivateUser(db: DB, userId: string, actor: AuditActor = null, signsInWithSso = false): Promise<void> {
  await inTransaction(db, async (trx) => {
    const user = await trx.selectFrom("users").select(["email", "password_hash", "status"]).where("id", "=", userId).executeTakeFirst();
    if (!user || user.status !== "deactivated") return;
    const status = user.password_hash || signsInWithSso ? "active" : "invited";
    await trx.updateTable("users").set({ status, deactivated_at: null }).where("id", "=", userId).execute();
    await refreshOnboardingProgress(trx, [userId]);
    await recordAudit(trx, {
      actorId: actor,
      action: "person.reactivated",
      target: { type: "person", id: userId, label: user.email },
      before: { status: user.status },
      after: { status },
    });
  });
}

export async function setUserLocale(db: DB, userId: string, locale: Locale): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

export async function changePassword(db: DB, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}
