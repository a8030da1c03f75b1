import type { AccessRule } from "../access-rule";

// Digest schedule, urgent cap and Teams/Slack channels: admins only.
export const rules: AccessRule[] = [{ file: "admin.delivery", path: "/admin/delivery", loader: ["admin"], action: ["admin"] }];
