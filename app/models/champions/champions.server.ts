import type { Role } from "#db/schema";
import { recordAudit } from "~/models/audit/record.server";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";

/** A champion's group: one cohort or one department. */
export type ChampionScope = { kind: "cohort" | "department"; id: string };

export const parseScope = (kind: string | undefined, id: string | undefined): ChampionScope | null =>
  (kind === "cohort" || kind === "department") && id ? { kind, id } : null;

const scopeColumn = (scope: ChampionScope) => (scope.kind === "cohort" ? "cohort_id" : "department_id");

/** The groups a person champions, with their names. */
export async function championScopes(db: DB, userId: string) {
  const rows = await db
    .selectFrom("champions")
    .leftJoin("cohorts", "cohorts.id", "champions.cohort_id")
    .leftJoin("departments", "departments.id", "champions.department_id")
    .select(["champions.cohort_id", "champions.department_id", "cohorts.name as cohort_name", "departments.name as department_name"])
    .where("champions.user_id", "=", userId)
    .orderBy("champions.granted_at")
    .execute();
  return rows.map((row) =>
    row.cohort_id
      ? { kind: "cohort" as const, id: row.cohort_id, name: row.cohort_name ?? "" }
      : { kind: "department" as const, id: row.department_id ?? "", name: row.department_name ?? "" },
  );
}

export async function isChampionOf(db: DB, userId: string, scope: ChampionScope): Promise<boolean> {
  const row = await db
    .selectFrom("champions")
    .select("id")
    .where("user_id", "=", userId)
    .where(scopeColumn(scope), "=", scope.id)
    .executeTakeFirst();
  return Boolean(row);
}

/** The scope's display name, or null when it does not exist. */
export async function scopeName(db: DB, scope: ChampionScope): Promise<string | null> {
  const row =
    scope.kind === "cohort"
      ? await db.selectFrom("cohorts").select("name").where("id", "=", scope.id).executeTakeFirst()
      : await db.selectFrom("departments").select("name").where("id", "=", scope.id).executeTakeFirst();
  return row?.name ?? null;
}

export type GrantResult = { ok: true } | { ok: false; field: string; error: string };

/** Names an active person champion of a scope (admins and HR; once per person and scope). */
export async function grantChampion(
  db: DB,
  actor: { id: string; roles: Role[] },
  email: string,
  scope: ChampionScope,
  now = Date.now(),
): Promise<GrantResult> {
  const person = await db
    .selectFrom("users")
    .select(["id", "name", "status"])
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  if (!person || person.status !== "active") return { ok: false, field: "email", error: "champions.errors.unknownPerson" };
  const name = await scopeName(db, scope);
  if (name === null) return { ok: false, field: "scope", error: "champions.errors.unknownScope" };
  return inTransaction(db, async (trx) => {
    const added = await trx
      .insertInto("champions")
      .values({
        id: newId(),
        user_id: person.id,
        cohort_id: scope.kind === "cohort" ? scope.id : null,
        department_id: scope.kind === "department" ? scope.id : null,
        granted_by: actor.id,
        granted_at: now,
      })
      .onConflict((oc) => oc.columns(["user_id", scopeColumn(scope)]).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, field: "email", error: "champions.errors.already" } as const;
    await recordAudit(
      trx,
      { actorId: actor.id, action: "champion.granted", target: { type: "person", id: person.id, label: person.name }, after: scope },
      now,
    );
    return { ok: true } as const;
  });
}

export async function revokeChampion(db: DB, actorId: string, championId: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("champions").selectAll().where("id", "=", championId).executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom("champions").where("id", "=", championId).execute();
    await recordAudit(trx, {
      actorId,
      action: "champion.revoked",
      target: { type: "person", id: row.user_id, label: row.user_id },
      before: { cohort: row.cohort_id, department: row.department_id },
    });
    return true;
  });
}

/** Every champion, for the admins' page. */
export async function listChampions(db: DB) {
  return db
    .selectFrom("champions")
    .innerJoin("users", "users.id", "champions.user_id")
    .leftJoin("cohorts", "cohorts.id", "champions.cohort_id")
    .leftJoin("departments", "departments.id", "champions.department_id")
    .select(["champions.id", "users.name", "users.email", "cohorts.name as cohort_name", "departments.name as department_name"])
    .orderBy("users.name")
    .orderBy("champions.id")
    .limit(1000)
    .execute();
}

/** The champions of one group, by name. */
export async function championsOfScope(db: DB, scope: ChampionScope) {
  return db
    .selectFrom("champions")
    .innerJoin("users", "users.id", "champions.user_id")
    .select(["users.id", "users.name"])
    .where(`champions.${scopeColumn(scope)}`, "=", scope.id)
    .orderBy("users.name")
    .limit(500)
    .execute();
}
