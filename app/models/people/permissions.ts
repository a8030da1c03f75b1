import { ROLES, type Role } from "#db/schema";

/** Roles only an administrator grants: admin itself, and customer care, which sees customer conversations. */
const ADMIN_ONLY: readonly Role[] = ["admin", "care"];

/** Admins grant any role; HR grants every role but the admin-only ones. */
export function assignableRoles(grantorRoles: readonly Role[]): Role[] {
  if (grantorRoles.includes("admin")) return [...ROLES];
  if (grantorRoles.includes("hr")) return ROLES.filter((role) => !ADMIN_ONLY.includes(role));
  return [];
}

export const canAssign = (grantorRoles: readonly Role[], roles: readonly Role[]) => {
  const allowed = assignableRoles(grantorRoles);
  return roles.every((role) => allowed.includes(role));
};
