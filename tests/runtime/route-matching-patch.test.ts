// The server's route matching keeps its ranked branches and compiled patterns (.ci/patches, decision 80):
// the patch must be in place after `npm install`, and matching must give what it gave before.
import { createRequire } from "node:module";
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      {
        id: "feed",
        path: "feed",
        children: [
          { id: "feed-index", index: true },
          { id: "feed-item", path: ":id" },
        ],
      },
      { id: "cohort", path: "admin/cohorts/:id" },
      { id: "splat", path: "*" },
    ],
  },
];

const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => m.route.id);

describe("the patched route matching", () => {
  it("is applied to the copy the server loads", () => {
    const source = fs.readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPaths");
  });

  it("matches the same routes and params on every call, from the cache", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids("/")).toEqual(["root", "home"]);
      expect(ids("/feed")).toEqual(["root", "feed", "feed-index"]);
      expect(router.matchRoutes(routes, "/feed/abc")?.at(-1)?.params).toEqual({ id: "abc" });
      expect(router.matchRoutes(routes, "/admin/cohorts/c-1")?.at(-1)?.params).toEqual({ id: "c-1" });
      expect(ids("/no/such/page")).toEqual(["root", "splat"]);
    }
    // A different routes array is ranked on its own.
    expect(router.matchRoutes([{ id: "only", path: "x" }], "/x")?.map((m) => m.route.id)).toEqual(["only"]);
    expect(router.matchRoutes([{ id: "only", path: "x" }], "/feed")).toBeNull();
  });
});
