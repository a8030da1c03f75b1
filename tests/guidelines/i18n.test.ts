// Every guidelines.* translation key the feature uses exists in Spanish and English.
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { GUIDELINE_VERSION_STATUSES, LOCALES } from "#db/schema";
import { expectTranslated } from "../support/i18n";

const root = path.resolve(import.meta.dirname, "../..");
const files = [
  ...fs
    .readdirSync(path.join(root, "app/routes"))
    .filter((f) => f.includes("guidelines"))
    .map((f) => `app/routes/${f}`),
  ...fs.readdirSync(path.join(root, "app/models/guidelines")).map((f) => `app/models/guidelines/${f}`),
  "app/components/guideline.tsx",
  "app/components/onboarding-gate.tsx",
  "app/components/navigation.ts",
];

describe("guideline translations", () => {
  it("has every key written literally in the feature's code", () => {
    const keys = new Set<string>();
    for (const file of files) {
      for (const match of fs.readFileSync(path.join(root, file), "utf8").matchAll(/"(guidelines\.[A-Za-z0-9_.]+)"/g)) keys.add(match[1]);
    }
    for (const key of keys) expectTranslated(key);
  });

  it("has every key built from a value", () => {
    const keys = [
      ...GUIDELINE_VERSION_STATUSES.map((s) => `guidelines.versionStatus.${s}`),
      ...["acknowledged", "pending", "outdated"].map((s) => `guidelines.status.${s}`),
      ...LOCALES.flatMap((l) => [`guidelines.languages.${l}`, `guidelines.languageNames.${l}`]),
      ...["added", "removed", "changed", "unchanged"].map((k) => `guidelines.diff.kinds.${k}`),
      ...["from", "to"].map((k) => `guidelines.diff.${k}`),
      ...["rawHtml", "unsafeLink", "image"].map((k) => `guidelines.errors.${k}`),
      ...["name", "email", "department", "status", "acknowledgedAt", "language", "lastVersion", "lastRemindedAt"].map(
        (k) => `guidelines.csv.${k}`,
      ),
    ];
    for (const key of keys) expectTranslated(key);
  });
});
