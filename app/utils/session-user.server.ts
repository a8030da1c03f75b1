// The signed-in person as every request sees them: read by the session guard, so it lives below the models.
import { ROLES, type Locale, type Role } from "#db/schema";
import type { DB } from "./db.server";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
  departmentId: string | null;
  roles: Role[];
}

export async function getUserWithRoles(db: DB, userId: string): Promise<SessionUser | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "locale", "department_id"])
    .where("id", "=", userId)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!user) return null;
  const roles = await db.selectFrom("user_roles").select("role").where("user_id", "=", userId).execute();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    departmentId: user.department_id,
    roles: sortRoles(roles.map((r) => r.role)),
  };
}

export const sortRoles = (roles: Role[]) => ROLES.filter((role) => roles.includes(role));
