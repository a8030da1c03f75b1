import { afterEach, describe, expect, it, vi } from "vitest";
import { loader as rootLoader } from "~/root";
import * as home from "~/routes/_index";
import * as feed from "~/routes/feed._index";
import * as leaderboard from "~/routes/leaderboard";
import * as analytics from "~/routes/analytics";
import * as onboarding from "~/routes/hr.onboarding";
import { getOrganisationTimeZone, setOrganisationTimeZone } from "~/models/core/settings.server";
import { resolveLocale } from "~/utils/locale.server";
import { inRequestScope } from "~/utils/request-scope.server";
import { getDb, getReadDb } from "~/utils/db.server";
import { call, createTestUser, getRequest } from "../support/http";

/**
 * Every SQL statement the process database and the read database (a worker on SQLite) run while `work`
 * does (transactions aside: GET loaders use none).
 */
async function queriesDuring(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const spies = [...new Set([getDb(), getReadDb()])].map((database) => {
    const executor = database.getExecutor();
    const original = executor.executeQuery.bind(executor);
    return vi.spyOn(executor, "executeQuery").mockImplementation((query) => {
      seen.push(query.sql);
      return original(query);
    });
  });
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return seen;
}

const readsSettings = (statement: string) => /from "settings"/.test(statement);

/** A page as Remix renders it: the root loader and the route's loader, in parallel, in the server's request scope. */
function renderPage(routeLoader: unknown, path: string, cookie: string) {
  return inRequestScope(() =>
    Promise.all([call(rootLoader, getRequest(path, { cookie })), call(routeLoader, getRequest(path, { cookie }))]),
  );
}

describe("locale and time zone, once per request", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ["/", home.loader],
    ["/feed", feed.loader],
    ["/leaderboard", leaderboard.loader],
    ["/analytics", analytics.loader],
    ["/hr/onboarding", onboarding.loader],
  ])("rendering %s reads the settings with one query", async (path, routeLoader) => {
    await setOrganisationTimeZone(getDb(), "Europe/Madrid");
    const person = await createTestUser({ roles: ["employee", "editor", "hr"] });
    const statements = await queriesDuring(async () => {
      const [root, route] = await renderPage(routeLoader, path, person.cookie);
      expect(root.status).toBe(200);
      expect(route.status).toBe(200);
    });
    expect(statements.filter(readsSettings)).toHaveLength(1);
    // Without a scope (tests, scripts, actions) every call reads again, so a write is never hidden.
    const outside = await queriesDuring(() => Promise.all([getOrganisationTimeZone(getDb()), getOrganisationTimeZone(getDb())]));
    expect(outside.filter(readsSettings)).toHaveLength(2);
  });

  it("a setting written inside the scope is read again, and the time zone stays right", async () => {
    await setOrganisationTimeZone(getDb(), "Europe/Madrid");
    await inRequestScope(async () => {
      expect(await getOrganisationTimeZone(getDb())).toBe("Europe/Madrid");
      await setOrganisationTimeZone(getDb(), "America/Bogota");
      expect(await getOrganisationTimeZone(getDb())).toBe("America/Bogota");
    });
  });

  it("the browser's language is negotiated once per request, the saved choice always wins", async () => {
    const request = getRequest("/", { headers: { "Accept-Language": "en-GB,en;q=0.9" } });
    await inRequestScope(async () => {
      expect(await resolveLocale(request)).toBe("en");
      expect(await resolveLocale(request, "es")).toBe("es");
      expect(await resolveLocale(getRequest("/"))).toBe("en"); // memo: the request is the scope's
    });
    expect(await resolveLocale(getRequest("/"))).toBe("es");
  });
});
