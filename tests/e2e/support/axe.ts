// axe-core run inside the page under test (evaluated through the DevTools protocol, so the app's
// Content-Security-Policy does not stand in its way); every violation is returned, whatever its impact.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    }
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => String(n.target[0])).join(", ")}`.slice(0, 300));
  });
}
