import type { AccessRule } from "../access-rule";

// Reporters see only their own reports; customer care and admins work the queue; HR and the rest are refused.
// An unknown report answers 404 to the people let in.
export const rules: AccessRule[] = [
  { file: "conversations._index", path: "/conversations", loader: "signed-in", action: null },
  { file: "conversations.new", path: "/conversations/new", loader: "signed-in", action: "signed-in" },
  { file: "care._index", path: "/care", loader: ["care", "admin"], action: ["care", "admin"] },
  { file: "care.$id", path: "/care/unknown", params: { id: "unknown" }, loader: ["care", "admin"], action: ["care", "admin"] },
  { file: "care.dashboard", path: "/care/dashboard", loader: ["care", "admin"], action: null },
  { file: "care.dashboard[.csv]", path: "/care/dashboard.csv", loader: ["care", "admin"], action: null },
  { file: "admin.care", path: "/admin/care", loader: ["admin"], action: ["admin"] },
];
