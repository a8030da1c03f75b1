import { ROLES, type Role } from "#db/schema";

/** Admins grant any role; HR grants every role but admin. */
export function assignableRoles(grantorRoles: readonly Role[]): Role[] {
  if (grantorRoles.includes("admin")) return [...ROLES];
  if (grantorRoles.includes("hr")) return ROLES.filter((role) => role !== "admin");
  return [];
}

export const canAssign = (grantorRoles: readonly Role[], roles: readonly Role[]) => {
  const allowed = assignableRoles(grantorRoles);
  return roles.every((role) => allowed.includes(role));
};
