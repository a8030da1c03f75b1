import type { AccessRule } from "../access-rule";

export const rules: AccessRule[] = [
  // Tracked links are opened by anyone on the internet; unknown codes answer 404.
  { file: "l.$code", path: "/l/unknown1", params: { code: "unknown1" }, loader: "public", action: null },
  { file: "admin.scoring", path: "/admin/scoring", loader: ["admin"], action: ["admin"] },
  // A person's own shares and their results.
  { file: "shares", path: "/shares", loader: "signed-in", action: null },
  // The catch-all 404 page.
  { file: "$", path: "/no-such-page", params: { "*": "no-such-page" }, loader: "public", action: null },
];
