import type { AccessRule } from "../access-rule";

// Unknown slugs answer 404 to the people allowed in; everyone else gets 403 (or /login) first.
const slug = { slug: "unknown" };
export const rules: AccessRule[] = [
  { file: "guidelines._index", path: "/guidelines", loader: "signed-in", action: null },
  { file: "guidelines.$slug._index", path: "/guidelines/unknown", params: slug, loader: "signed-in", action: "signed-in" },
  {
    file: "guidelines.$slug.versions.$number",
    path: "/guidelines/unknown/versions/1",
    params: { ...slug, number: "1" },
    loader: "signed-in",
    action: null,
  },
  { file: "guidelines.$slug.diff", path: "/guidelines/unknown/diff", params: slug, loader: "signed-in", action: null },
  { file: "manage.guidelines._index", path: "/manage/guidelines", loader: ["editor", "hr", "admin"], action: ["editor"] },
  { file: "manage.guidelines.$slug._index", path: "/manage/guidelines/unknown", params: slug, loader: ["editor"], action: ["editor"] },
  { file: "manage.guidelines.$slug.edit", path: "/manage/guidelines/unknown/edit", params: slug, loader: ["editor"], action: ["editor"] },
  {
    file: "manage.guidelines.$slug.coverage",
    path: "/manage/guidelines/unknown/coverage",
    params: slug,
    loader: ["editor", "hr", "admin"],
    action: ["editor", "hr", "admin"],
  },
  {
    file: "manage.guidelines.$slug.coverage[.csv]",
    path: "/manage/guidelines/unknown/coverage.csv",
    params: slug,
    loader: ["editor", "hr", "admin"],
    action: null,
  },
];
