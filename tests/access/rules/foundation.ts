import type { AccessRule } from "../access-rule";

// The foundation's routes. Unknown ids answer 404 to the people allowed in.
export const rules: AccessRule[] = [
  { file: "_index", path: "/", loader: "signed-in", action: null },
  { file: "healthz", path: "/healthz", loader: "public", action: null },
  // /setup exists only while nobody does; afterwards everyone is sent to /login (the matrix runs with people).
  { file: "setup", path: "/setup", loader: "public", action: "public" },
  { file: "login", path: "/login", loader: "anonymous-only", action: "anonymous-only" },
  // Signing out ends the session (if any) and shows the login page, for anyone.
  { file: "logout", path: "/logout", loader: "public", action: "public" },
  // The language switcher works signed in or not; GET just goes home.
  { file: "locale", path: "/locale", loader: "public", action: "public" },
  // Whoever holds the link may accept it; unknown tokens answer 410 / 400.
  { file: "invite.$token", path: "/invite/unknown-token", params: { token: "unknown-token" }, loader: "public", action: "public" },
  { file: "settings", path: "/settings", loader: "signed-in", action: "signed-in" },
  { file: "admin.people._index", path: "/admin/people", loader: ["admin", "hr"], action: null },
  { file: "admin.people.$id", path: "/admin/people/unknown", params: { id: "unknown" }, loader: ["admin", "hr"], action: ["admin", "hr"] },
  { file: "admin.people.invite", path: "/admin/people/invite", loader: ["admin", "hr"], action: ["admin", "hr"] },
  { file: "admin.people.import._index", path: "/admin/people/import", loader: ["admin", "hr"], action: ["admin", "hr"] },
  {
    file: "admin.people.import.$id",
    path: "/admin/people/import/unknown",
    params: { id: "unknown" },
    loader: ["admin", "hr"],
    action: null,
  },
  { file: "admin.departments", path: "/admin/departments", loader: ["admin"], action: ["admin"] },
  { file: "admin.outbox._index", path: "/admin/outbox", loader: ["admin"], action: null },
  { file: "admin.outbox.$id", path: "/admin/outbox/unknown", params: { id: "unknown" }, loader: ["admin"], action: null },
];
