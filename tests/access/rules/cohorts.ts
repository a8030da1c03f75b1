import type { AccessRule } from "../access-rule";

export const rules: AccessRule[] = [
  { file: "admin.cohorts._index", path: "/admin/cohorts", loader: ["admin", "hr"], action: ["admin", "hr"] },
  { file: "admin.cohorts.$id", path: "/admin/cohorts/unknown", params: { id: "unknown" }, loader: ["admin", "hr"], action: null },
];
