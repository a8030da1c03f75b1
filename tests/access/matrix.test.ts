/// <reference types="vite/client" />
// The access matrix: every route module under app/routes must have a rule in tests/access/rules/*.ts,
// and every loader and action is called by every role (each person holding only that role) and by an
// anonymous visitor, checking who is let in and who is refused. New routes and rules files are
// picked up on their own.
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "#db/schema";
import type { Access, AccessRule } from "./access-rule";
import { call, createTestUser, getRequest, postRequest, sessionCookie } from "../support/http";

const ruleModules = import.meta.glob<{ rules: AccessRule[] }>("./rules/*.ts", { eager: true });
const routeModules = import.meta.glob<Record<string, unknown>>("../../app/routes/*.tsx", { eager: true });

const rules = Object.entries(ruleModules).flatMap(([source, module]) => module.rules.map((rule) => ({ ...rule, source })));
const routes = new Map(
  Object.entries(routeModules).map(([file, module]) => [file.replace(/^.*\/app\/routes\//, "").replace(/\.tsx$/, ""), module]),
);

type Identity = "anonymous" | Role;
const IDENTITIES: Identity[] = ["anonymous", ...ROLES];
const FOREIGN_ORIGIN = "https://evil.example";

type Expectation = "allowed" | "forbidden" | "to-login" | "sent-away" | "unauthorized";

function expectationFor(access: Access, identity: Identity): Expectation {
  if (access === "public") return "allowed";
  if (access === "bearer-token") return "unauthorized";
  if (access === "anonymous-only") return identity === "anonymous" ? "allowed" : "sent-away";
  if (identity === "anonymous") return "to-login";
  if (access === "signed-in") return "allowed";
  return access.includes(identity) ? "allowed" : "forbidden";
}

/** What requireUser answers an anonymous visitor: the login page, remembering where they were going. */
function isLoginRedirect(response: Response): boolean {
  const location = response.headers.get("Location");
  if (response.status < 300 || response.status >= 400 || !location) return false;
  const url = new URL(location, "http://altavoz.test");
  return url.pathname === "/login" && url.searchParams.has("redirectTo");
}

function describeResponse(response: Response): string {
  const location = response.headers.get("Location");
  return location ? `${response.status} → ${location}` : String(response.status);
}

/** null when the response matches the expectation, otherwise what went wrong. */
function mismatch(expected: Expectation, response: Response): string | null {
  const forbidden = response.status === 403;
  const toLogin = isLoginRedirect(response);
  switch (expected) {
    case "allowed":
      if (forbidden || toLogin) return `expected to be let in, got ${describeResponse(response)}`;
      if (response.status >= 500) return `let in but crashed: ${describeResponse(response)}`;
      return null;
    case "forbidden":
      return forbidden ? null : `expected 403, got ${describeResponse(response)}`;
    case "to-login":
      return toLogin ? null : `expected a redirect to /login?redirectTo=…, got ${describeResponse(response)}`;
    case "unauthorized":
      return response.status === 401 ? null : `expected 401 without a bearer token, got ${describeResponse(response)}`;
    case "sent-away":
      return response.status >= 300 && response.status < 400 && !toLogin
        ? null
        : `expected to be sent elsewhere (3xx), got ${describeResponse(response)}`;
  }
}

/** Calls the handler; an exception other than a Response becomes a 500 so it is reported, not thrown. */
async function attempt(handler: unknown, request: Request, params: Record<string, string>): Promise<Response> {
  try {
    return await call(handler, request, params, { clientIp: "192.0.2.1" });
  } catch (error) {
    return new Response(String(error), { status: 500 });
  }
}

const userIds = new Map<Role, string>();

beforeAll(async () => {
  for (const role of ROLES) userIds.set(role, (await createTestUser({ roles: [role], name: `Only ${role}` })).id);
});

/** A fresh session per request, so an action that signs out (logout) cannot spoil the next check. */
async function cookieFor(identity: Identity): Promise<string | undefined> {
  return identity === "anonymous" ? undefined : sessionCookie(userIds.get(identity)!);
}

describe("access rules cover every route", () => {
  it("found the route modules and the rules files", () => {
    expect(routes.size).toBeGreaterThan(10);
    expect(routes.has("login")).toBe(true);
    expect(Object.keys(ruleModules).length).toBeGreaterThan(0);
  });

  it("every route file has exactly one rule", () => {
    const missing = [...routes.keys()].filter((file) => !rules.some((rule) => rule.file === file));
    const duplicated = [...new Set(rules.map((r) => r.file).filter((file, i, all) => all.indexOf(file) !== i))];
    expect(missing, "routes without an access rule (add them to tests/access/rules/<feature>.ts)").toEqual([]);
    expect(duplicated, "routes with more than one rule").toEqual([]);
  });

  it("every rule names an existing route file and matches its exports", () => {
    const problems: string[] = [];
    for (const rule of rules) {
      const module = routes.get(rule.file);
      if (!module) {
        problems.push(`${rule.source}: no app/routes/${rule.file}.tsx`);
        continue;
      }
      for (const kind of ["loader", "action"] as const) {
        const exported = typeof module[kind] === "function";
        if (exported !== (rule[kind] !== null))
          problems.push(
            `${rule.file}: rule says ${kind} ${rule[kind] === null ? "null" : "exists"}, module ${exported ? "exports one" : "has none"}`,
          );
      }
      if (!rule.path.startsWith("/")) problems.push(`${rule.file}: path must start with /`);
    }
    expect(problems).toEqual([]);
  });
});

describe("every loader and action, with every role and anonymously", () => {
  for (const rule of rules) {
    const module = routes.get(rule.file);
    if (!module) continue;
    it(`${rule.file} (${rule.path})`, async () => {
      const problems: string[] = [];
      for (const identity of IDENTITIES) {
        if (rule.loader !== null) {
          const response = await attempt(module.loader, getRequest(rule.path, { cookie: await cookieFor(identity) }), rule.params ?? {});
          const problem = mismatch(expectationFor(rule.loader, identity), response);
          if (problem) problems.push(`GET as ${identity}: ${problem}`);
        }
        if (rule.action !== null) {
          const response = await attempt(
            module.action,
            postRequest(rule.path, {}, { cookie: await cookieFor(identity) }),
            rule.params ?? {},
          );
          const problem = mismatch(expectationFor(rule.action, identity), response);
          if (problem) problems.push(`POST as ${identity}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("every action refuses posts from another site", () => {
  for (const rule of rules) {
    const module = routes.get(rule.file);
    // Bearer-token endpoints are not browser forms: a session cookie never lets anyone in (checked above).
    if (!module || rule.action === null || rule.action === "bearer-token") continue;
    const access = rule.action;
    it(`${rule.file} (${rule.path})`, async () => {
      // Everyone the rule lets in, signed in or not.
      const allowed = IDENTITIES.filter((identity) => expectationFor(access, identity) === "allowed");
      expect(allowed.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const identity of allowed) {
        for (const origin of [FOREIGN_ORIGIN, null]) {
          const response = await attempt(
            module.action,
            postRequest(rule.path, {}, { cookie: await cookieFor(identity), origin }),
            rule.params ?? {},
          );
          if (response.status !== 403)
            problems.push(
              `POST as ${identity} ${origin ? `from ${origin}` : "without Origin or Referer"}: expected 403, got ${describeResponse(response)}`,
            );
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
