import type { AccessRule } from "../access-rule";

// Guardrails on employees' edits: admins keep the blocked phrases and the disclosures per network.
export const rules: AccessRule[] = [{ file: "admin.guardrails", path: "/admin/guardrails", loader: ["admin"], action: ["admin"] }];
