/** The admin's list of people: search by name or e-mail, filters by department, status and role, a page at a time. */
import { sql } from "kysely";
import type { DB } from "~/utils/db.server";
import type { Role, UserStatus } from "#db/schema";
import { sortRoles } from "~/utils/session-user.server";

export interface PersonListFilters {
  query?: string;
  departmentId?: string;
  status?: UserStatus;
  role?: Role;
  page?: number;
  pageSize?: number;
}

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
const containsPattern = (text: string) =>
  `%${text
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The people (joined to their department) matching the filters, before paging. */
function filteredPeople(db: DB, filters: PersonListFilters) {
  let query = db.selectFrom("users").leftJoin("departments", "departments.id", "users.department_id");
  if (filters.query) {
    const pattern = containsPattern(filters.query);
    // SQLite has no default escape character for LIKE, so it is named on both dialects.
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref("users.name")}) like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref("users.email")} like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (filters.departmentId) query = query.where("users.department_id", "=", filters.departmentId);
  if (filters.status) query = query.where("users.status", "=", filters.status);
  if (filters.role) {
    const role = filters.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_roles")
          .select("user_roles.user_id")
          .whereRef("user_roles.user_id", "=", "users.id")
          .where("user_roles.role", "=", role),
      ),
    );
  }
  return query;
}

async function rolesOf(db: DB, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom("user_roles").select(["user_id", "role"]).where("user_id", "in", userIds).execute();
}

export async function listPeople(db: DB, filters: PersonListFilters) {
  const pageSize = filters.pageSize ?? 50;
  const page = Math.max(1, filters.page ?? 1);
  const query = filteredPeople(db, filters);
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "users.id",
      "users.email",
      "users.name",
      "users.status",
      "users.created_at",
      "users.activated_at",
      "users.department_id",
      "departments.name as department_name",
    ])
    .orderBy("users.name")
    .orderBy("users.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    total: Number(total.n),
    page,
    pageSize,
    people: rows.map((row) => ({ ...row, roles: sortRoles(roles.filter((r) => r.user_id === row.id).map((r) => r.role)) })),
  };
}
