import type { AccessRule } from "../access-rule";

// Company sign-in, directory provisioning and the audit trail.
export const rules: AccessRule[] = [
  // Starting and finishing a company sign-in is for visitors not signed in yet.
  { file: "auth.sso", path: "/auth/sso", loader: "anonymous-only", action: null },
  { file: "auth.sso.callback", path: "/auth/sso/callback?code=x&state=y", loader: "anonymous-only", action: null },
  { file: "admin.sso", path: "/admin/sso", loader: ["admin"], action: ["admin"] },
  { file: "admin.scim", path: "/admin/scim", loader: ["admin"], action: ["admin"] },
  { file: "admin.audit", path: "/admin/audit", loader: ["admin"], action: null },
  { file: "admin.audit[.csv]", path: "/admin/audit.csv", loader: ["admin"], action: null },
  { file: "scim.v2.Users", path: "/scim/v2/Users", loader: "bearer-token", action: "bearer-token" },
  { file: "scim.v2.Users.$id", path: "/scim/v2/Users/unknown", params: { id: "unknown" }, loader: "bearer-token", action: "bearer-token" },
  { file: "admin.people.sync._index", path: "/admin/people/sync", loader: ["admin", "hr"], action: ["admin", "hr"] },
  {
    file: "admin.people.sync.$id",
    path: "/admin/people/sync/unknown",
    params: { id: "unknown" },
    loader: ["admin", "hr"],
    action: ["admin", "hr"],
  },
  { file: "scim.v2.Groups", path: "/scim/v2/Groups", loader: "bearer-token", action: "bearer-token" },
  {
    file: "scim.v2.Groups.$id",
    path: "/scim/v2/Groups/unknown",
    params: { id: "unknown" },
    loader: "bearer-token",
    action: "bearer-token",
  },
  { file: "scim.v2.ServiceProviderConfig", path: "/scim/v2/ServiceProviderConfig", loader: "bearer-token", action: null },
];
