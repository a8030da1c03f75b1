import type { AccessRule } from "../access-rule";

// Unknown slugs answer 404 (or, for a certificate, a redirect to the workshop) to the people allowed in;
// everyone else gets 403 (or /login) first.
const slug = { slug: "unknown" };
export const rules: AccessRule[] = [
  { file: "workshops._index", path: "/workshops", loader: "signed-in", action: null },
  { file: "workshops.$slug._index", path: "/workshops/unknown", params: slug, loader: "signed-in", action: "signed-in" },
  { file: "workshops.$slug.certificate", path: "/workshops/unknown/certificate", params: slug, loader: "signed-in", action: null },
  { file: "manage.workshops._index", path: "/manage/workshops", loader: ["editor", "hr", "admin"], action: ["editor"] },
  { file: "manage.workshops.$slug._index", path: "/manage/workshops/unknown", params: slug, loader: ["editor"], action: ["editor"] },
  { file: "manage.workshops.$slug.edit", path: "/manage/workshops/unknown/edit", params: slug, loader: ["editor"], action: ["editor"] },
  {
    file: "manage.workshops.$slug.sessions",
    path: "/manage/workshops/unknown/sessions",
    params: slug,
    loader: ["editor", "hr", "admin"],
    action: ["editor", "hr", "admin"],
  },
  { file: "hr.onboarding", path: "/hr/onboarding", loader: ["hr", "admin"], action: ["hr", "admin"] },
  { file: "hr.onboarding[.csv]", path: "/hr/onboarding.csv", loader: ["hr", "admin"], action: null },
];
