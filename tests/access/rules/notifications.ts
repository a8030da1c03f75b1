import type { AccessRule } from "../access-rule";

export const rules: AccessRule[] = [
  { file: "notifications", path: "/notifications", loader: "signed-in", action: "signed-in" },
];
