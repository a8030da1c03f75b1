import type { AccessRule } from "../access-rule";

// Conversions: admins manage the webhook secret and upload CSVs; a CRM posts events signed with the secret.
export const rules: AccessRule[] = [
  { file: "admin.conversions", path: "/admin/conversions", loader: ["admin"], action: ["admin"] },
  // Signed by HMAC rather than a bearer token, but the same promise: no session or Origin lets anyone in (401).
  { file: "api.conversions", path: "/api/conversions", loader: null, action: "bearer-token" },
];
