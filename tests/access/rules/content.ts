import type { AccessRule } from "../access-rule";

// Unknown ids answer 404 to the people allowed in; everyone else gets 403 (or /login) first.
export const rules: AccessRule[] = [
  { file: "feed._index", path: "/feed", loader: "signed-in", action: null },
  { file: "feed.$id", path: "/feed/unknown", params: { id: "unknown" }, loader: "signed-in", action: "signed-in" },
  { file: "ideas", path: "/ideas", loader: "signed-in", action: "signed-in" },
  { file: "manage.content._index", path: "/manage/content", loader: ["editor"], action: null },
  { file: "manage.content.new", path: "/manage/content/new", loader: ["editor"], action: ["editor"] },
  { file: "manage.content.$id._index", path: "/manage/content/unknown", params: { id: "unknown" }, loader: ["editor"], action: ["editor"] },
  {
    file: "manage.content.$id.edit",
    path: "/manage/content/unknown/edit",
    params: { id: "unknown" },
    loader: ["editor"],
    action: ["editor"],
  },
  { file: "manage.campaigns._index", path: "/manage/campaigns", loader: ["editor"], action: ["editor"] },
  { file: "manage.campaigns.$id", path: "/manage/campaigns/unknown", params: { id: "unknown" }, loader: ["editor"], action: ["editor"] },
  { file: "manage.ideas", path: "/manage/ideas", loader: ["editor"], action: ["editor"] },
  { file: "review._index", path: "/review", loader: ["reviewer"], action: null },
  { file: "review.$id", path: "/review/unknown", params: { id: "unknown" }, loader: ["reviewer"], action: ["reviewer"] },
];
