import type { AccessRule } from "../access-rule";

// The interface strings the browser fetches before hydrating: the same for everyone, the login page included.
export const rules: AccessRule[] = [
  { file: "locales.$locale", path: "/locales/es", params: { locale: "es" }, loader: "public", action: null },
];
