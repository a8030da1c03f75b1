import type { AccessRule } from "../access-rule";

// Password recovery: asking for a link is for visitors who are not signed in; whoever holds a link may use it
// (unknown tokens answer 410 / 400).
export const rules: AccessRule[] = [
  { file: "forgot-password", path: "/forgot-password", loader: "anonymous-only", action: "anonymous-only" },
  {
    file: "reset-password.$token",
    path: "/reset-password/unknown-token",
    params: { token: "unknown-token" },
    loader: "public",
    action: "public",
  },
];
