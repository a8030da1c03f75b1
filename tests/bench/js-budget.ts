/**
 * JavaScript each page makes the browser load: the entry, the root and the route's module with every
 * chunk they import, as the Remix build manifest (public/build/manifest-*.js) lists them, each file
 * gzipped as the server sends it (zlib's default level, as `compression` uses). Shared by the bench
 * (`--only js`) and tests/e2e/js-budget.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(import.meta.dirname, "../..");

/** The employee's pages (issue 13): at most 120 KB gzip each. Every other page: 180 KB. */
export const EMPLOYEE_PAGES: Record<string, string> = {
  "routes/_index": "/",
  "routes/feed._index": "/feed",
  "routes/feed.$id": "/feed/:id",
  "routes/leaderboard": "/leaderboard",
  "routes/shares": "/shares",
  "routes/guidelines._index": "/guidelines",
  "routes/guidelines.$slug._index": "/guidelines/:slug",
  "routes/workshops._index": "/workshops",
  "routes/workshops.$slug._index": "/workshops/:slug",
};
export const EMPLOYEE_BUDGET_KB = 120;
export const OTHER_BUDGET_KB = 180;

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

export interface PageWeight {
  routeId: string;
  label: string;
  kb: number;
  budgetKb: number;
  employee: boolean;
}

function readManifest(buildDir: string): Manifest {
  const file = fs.readdirSync(buildDir).find((name) => /^manifest-[A-Z0-9]+\.js$/i.test(name));
  if (!file) throw new Error(`No manifest in ${buildDir}: run npx remix build first`);
  const source = fs.readFileSync(path.join(buildDir, file), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

/** Routes with a page (a default export): resource routes load no JavaScript. */
function hasPage(routeId: string): boolean {
  const base = path.join(root, "app", `${routeId}.tsx`);
  return fs.existsSync(base) && /export default/.test(fs.readFileSync(base, "utf8"));
}

function labelOf(routeId: string, manifest: Manifest): string {
  const segments: string[] = [];
  for (
    let route: ManifestRoute | undefined = manifest.routes[routeId];
    route;
    route = route.parentId ? manifest.routes[route.parentId] : undefined
  ) {
    if (route.path) segments.unshift(route.path);
  }
  return `/${segments.join("/")}`;
}

/** Every page's gzip total in KB (1,024 bytes), heaviest first. */
export function measurePages(buildDir = path.join(root, "public/build")): PageWeight[] {
  const manifest = readManifest(buildDir);
  const gzipped = new Map<string, number>();
  const sizeOf = (url: string) => {
    let size = gzipped.get(url);
    if (size === undefined) {
      size = zlib.gzipSync(fs.readFileSync(path.join(buildDir, url.replace(/^\/build\//, "")))).length;
      gzipped.set(url, size);
    }
    return size;
  };
  const pages: PageWeight[] = [];
  for (const routeId of Object.keys(manifest.routes)) {
    if (routeId === "root" || !hasPage(routeId)) continue;
    const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
    for (
      let route: ManifestRoute | undefined = manifest.routes[routeId];
      route;
      route = route.parentId ? manifest.routes[route.parentId] : undefined
    ) {
      files.add(route.module);
      for (const file of route.imports ?? []) files.add(file);
    }
    const bytes = [...files].reduce((sum, file) => sum + sizeOf(file), 0);
    const employee = routeId in EMPLOYEE_PAGES;
    pages.push({
      routeId,
      label: EMPLOYEE_PAGES[routeId] ?? labelOf(routeId, manifest),
      kb: Math.round((bytes / 1024) * 10) / 10,
      budgetKb: employee ? EMPLOYEE_BUDGET_KB : OTHER_BUDGET_KB,
      employee,
    });
  }
  return pages.sort((a, b) => b.kb - a.kb);
}

/** The bench's `--only js`: every employee page, then the others, each against its budget. */
export function runJsBench(): void {
  const pages = measurePages();
  const row = (p: PageWeight) =>
    `  ${p.label.padEnd(36)} ${p.kb.toFixed(1).padStart(6)} KB  budget ${p.budgetKb} KB  ${p.kb <= p.budgetKb ? "ok" : `OVER by ${(p.kb - p.budgetKb).toFixed(1)} KB`}`;
  console.log("\nJavaScript per page (gzip, entry + root + route and their chunks, from the build manifest)");
  console.log(" employee pages:");
  for (const page of pages.filter((p) => p.employee)) console.log(row(page));
  console.log(" comms, HR, admin and public pages:");
  for (const page of pages.filter((p) => !p.employee)) console.log(row(page));
}
