import type { AccessRule } from "../access-rule";

export const rules: AccessRule[] = [
  // Every signed-in person sees the leaderboards and may hide their own name.
  { file: "leaderboard", path: "/leaderboard", loader: "signed-in", action: "signed-in" },
  // Unknown campaigns answer 404 to signed-in people.
  { file: "campaigns.$id", path: "/campaigns/unknown", params: { id: "unknown" }, loader: "signed-in", action: null },
  { file: "analytics", path: "/analytics", loader: ["editor", "hr", "admin"], action: null },
  { file: "analytics[.csv]", path: "/analytics.csv?table=networks", loader: ["editor", "hr", "admin"], action: null },
];
