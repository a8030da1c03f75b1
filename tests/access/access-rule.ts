import type { Role } from "#db/schema";

/**
 * Who may call a route's loader or action:
 * - "public": everyone, signed in or not;
 * - "anonymous-only": visitors who are not signed in (signed-in people are sent away, not refused with 403);
 * - "signed-in": any active person (anonymous visitors go to /login);
 * - Role[]: people holding at least one of these roles (others get 403, anonymous visitors go to /login);
 * - "bearer-token": machine endpoints (SCIM) that take no session and no Origin, only a bearer token:
 *   everyone without one, signed in or not, gets 401.
 */
export type Access = "public" | "anonymous-only" | "signed-in" | "bearer-token" | Role[];

export interface AccessRule {
  /** Route module under app/routes, without extension, e.g. "admin.people._index". */
  file: string;
  /** A URL that reaches it (params filled in). */
  path: string;
  params?: Record<string, string>;
  /** null when the module has no loader / no action. */
  loader: Access | null;
  action: Access | null;
}
