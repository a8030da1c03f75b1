import { expect } from "vitest";
import { resources } from "~/locales";

function lookup(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The key names a real string in Spanish and in English (a plural key counts when its _one/_other forms exist). */
export function expectTranslated(key: string | undefined | null): void {
  expect(key, "a translation key").toBeTypeOf("string");
  for (const locale of ["es", "en"] as const) {
    const tree = resources[locale].translation;
    const value = lookup(tree, key!) ?? lookup(tree, `${key}_other`);
    expect(value, `${locale}: ${key}`).toBeTypeOf("string");
    expect(String(value).length, `${locale}: ${key}`).toBeGreaterThan(0);
  }
}
