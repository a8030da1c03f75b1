// The layout's arrows (README, Layout): utils import no model or runtime module, and no module imports itself
// back through a cycle. Read from the source text, as the bundler resolves `~/` and relative specifiers.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function listSources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

const files = listSources("app");
const known = new Set(files);

function resolveSpecifier(spec: string, from: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = `app/${spec.slice(2)}`;
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts"]) if (known.has(base + ext)) return base + ext;
  return null;
}

const graph = new Map<string, string[]>(
  files.map((file) => {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const deps = [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)]
      .map((m) => resolveSpecifier(m[1], file))
      .filter((d): d is string => d !== null);
    return [file, deps];
  }),
);

function findCycles(): string[] {
  const cycles: string[] = [];
  const stack: string[] = [];
  const onStack = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string) => {
    stack.push(node);
    onStack.add(node);
    for (const dep of graph.get(node) ?? []) {
      if (onStack.has(dep)) cycles.push([...stack.slice(stack.indexOf(dep)), dep].join(" → "));
      else if (!done.has(dep)) visit(dep);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const file of files) if (!done.has(file)) visit(file);
  return cycles;
}

describe("the layout's arrows", () => {
  it("finds the modules it checks", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get("app/routes/feed._index.tsx")?.length).toBeGreaterThan(2);
  });

  it("keeps app/utils free of imports from models and runtime", () => {
    const offenders = [...graph].filter(
      ([file, deps]) => file.startsWith("app/utils/") && deps.some((d) => d.startsWith("app/models/") || d.startsWith("app/runtime/")),
    );
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  it("keeps models from importing routes, components or runtime", () => {
    const offenders = [...graph].filter(
      ([file, deps]) => file.startsWith("app/models/") && deps.some((d) => /^app\/(routes|components|runtime)\//.test(d)),
    );
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  it("has no circular imports", () => {
    expect(findCycles()).toEqual([]);
  });
});
