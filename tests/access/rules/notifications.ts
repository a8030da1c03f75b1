import type { AccessRule } from "../access-rule";

export const rules: AccessRule[] = [
  { file: "notifications", path: "/notifications", loader: "signed-in", action: "signed-in" },
  // The signed token authorises the one-click unsubscribe (RFC 8058), signed in or not; a bad token changes nothing (400).
  { file: "unsubscribe", path: "/unsubscribe?token=bad", loader: "public", action: "public" },
];
