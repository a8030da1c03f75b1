// JavaScript per page from the build manifest (run `npx remix build` first, as npm test does): every page
// within its budget (issue 13), and no interface strings or all-of-zod in any chunk.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { measurePages } from "../bench/js-budget";
import { root } from "./support/harness";

const buildDir = path.join(root, "public/build");
const chunks = () =>
  fs
    .readdirSync(buildDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => fs.readFileSync(path.join(buildDir, file), "utf8"));

describe("JavaScript shipped per page", () => {
  it("keeps every page within its budget", () => {
    const pages = measurePages(buildDir);
    expect(pages.length).toBeGreaterThan(40);
    const over = pages.filter((page) => page.kb > page.budgetKb).map((page) => `${page.label} ${page.kb} KB > ${page.budgetKb} KB`);
    expect(over).toEqual([]);
    // The employee's form pages validate in the browser without react-hook-form or zod (~/components/checked-form).
    for (const routeId of ["routes/_index", "routes/feed.$id", "routes/guidelines.$slug._index", "routes/workshops.$slug._index"])
      expect(pages.find((page) => page.routeId === routeId)?.kb, routeId).toBeLessThanOrEqual(120);
  });

  it("sends the interface strings as data, not in any chunk", () => {
    const strings = [resources.es.translation.home.greeting, resources.en.translation.home.greeting];
    for (const code of chunks()) for (const text of strings) expect(code.includes(text)).toBe(false);
  });

  it("never bundles zod's locales (a named `z` import pulls them in)", () => {
    // French's "too big" message, from zod's locale files.
    for (const code of chunks()) expect(code.includes("Trop grand : ")).toBe(false);
  });
});
