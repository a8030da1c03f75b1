import type { AccessRule } from "../access-rule";

export const rules: AccessRule[] = [
  { file: "admin.cohorts._index", path: "/admin/cohorts", loader: ["admin", "hr"], action: ["admin", "hr"] },
  {
    file: "admin.cohorts.$id",
    path: "/admin/cohorts/unknown",
    params: { id: "unknown" },
    loader: ["admin", "hr"],
    action: ["admin", "hr"],
  },
  { file: "leaders", path: "/leaders", loader: ["hr", "editor", "admin"], action: null },
  { file: "admin.champions", path: "/admin/champions", loader: ["admin", "hr"], action: ["admin", "hr"] },
  // Anyone signed in; a group page answers 404 to whoever does not champion it (tests/cohorts/champions.test.ts).
  { file: "champions._index", path: "/champions", loader: "signed-in", action: null },
  {
    file: "champions.$kind.$id",
    path: "/champions/cohort/unknown",
    params: { kind: "cohort", id: "unknown" },
    loader: "signed-in",
    action: "signed-in",
  },
];
