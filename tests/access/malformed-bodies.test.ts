/// <reference types="vite/client" />
// The malformed-body sweep: every action the access matrix lists gets bodies no browser form sends
// (none, JSON, text/plain, broken multipart, NUL characters, posts from another site, odd redirectTo
// values), through the request guard the server puts in front of Remix and then the action itself,
// as a person the rule lets in. Nothing may answer 5xx and no row of any table may change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "#db/schema";
import { guardRequest, rejectionResponse } from "~/runtime/request-guard.server";
import { db } from "~/utils/db.server";
import type { Access, AccessRule } from "./access-rule";
import { call, createTestUser, ORIGIN, sessionCookie } from "../support/http";

const ruleModules = import.meta.glob<{ rules: AccessRule[] }>("./rules/*.ts", { eager: true });
const routeModules = import.meta.glob<Record<string, unknown>>("../../app/routes/*.tsx", { eager: true });
const rules = Object.values(ruleModules).flatMap((module) => module.rules);
const routes = new Map(
  Object.entries(routeModules).map(([file, module]) => [file.replace(/^.*\/app\/routes\//, "").replace(/\.tsx$/, ""), module]),
);

type Identity = "anonymous" | Role;

/** Who the sweep posts as: someone the action lets in, so the body reaches the action's own code. */
function insider(access: Access): Identity {
  if (access === "public" || access === "anonymous-only" || access === "bearer-token") return "anonymous";
  if (access === "signed-in") return "employee";
  return access[0];
}

interface Probe {
  name: string;
  /** The status the guard must answer with, or null when the body is a readable form the action sees. */
  expected: 400 | 403 | 413 | null;
  init: () => { headers?: Record<string, string>; body?: BodyInit; origin?: string | null };
}

const enc = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = "application/x-www-form-urlencoded";
// Field names the actions read; a NUL in any of them, or in a value, is refused before the action.
const COMMON_FIELDS = ["intent", "name", "title", "body", "text", "comment", "email", "redirectTo", "locale", "id", "password"];
const ODD_REDIRECTS = [
  "/ｆｕｌｌ／／evil.example",
  "／／evil.example",
  "/\u3002\u3002/evil.example",
  "/caf\u00e9/\u4e2d\u6587?q=\u{1F600}",
  "/.//evil.example",
  "//evil。example",
];

const PROBES: Probe[] = [
  { name: "no body, no content type", expected: 400, init: () => ({}) },
  {
    name: "JSON",
    expected: 400,
    init: () => ({ headers: { "Content-Type": "application/json" }, body: JSON.stringify({ intent: "delete", name: "x" }) }),
  },
  { name: "text/plain", expected: 400, init: () => ({ headers: { "Content-Type": "text/plain" }, body: "intent=delete&name=x" }) },
  {
    name: "multipart without boundary",
    expected: 400,
    init: () => ({ headers: { "Content-Type": "multipart/form-data" }, body: "--x\r\n" }),
  },
  {
    name: "multipart cut short",
    expected: 400,
    init: () => ({
      headers: { "Content-Type": "multipart/form-data; boundary=zzz" },
      body: '--zzz\r\nContent-Disposition: form-data; name="intent"\r\n\r\ndel',
    }),
  },
  { name: "urlencoded content type, empty body", expected: null, init: () => ({ headers: { "Content-Type": FORM }, body: "" }) },
  {
    name: "NUL in every common field",
    expected: 400,
    init: () => ({ headers: { "Content-Type": FORM }, body: enc(Object.fromEntries(COMMON_FIELDS.map((f) => [f, `a\u0000b`]))) }),
  },
  { name: "NUL in a field name", expected: 400, init: () => ({ headers: { "Content-Type": FORM }, body: "na%00me=x" }) },
  {
    name: "from another site",
    expected: 403,
    init: () => ({ headers: { "Content-Type": FORM }, body: enc({ intent: "delete" }), origin: "https://evil.example" }),
  },
  {
    name: "Origin: null",
    expected: 403,
    init: () => ({ headers: { "Content-Type": FORM }, body: enc({ intent: "delete" }), origin: "null" }),
  },
  {
    name: "declared larger than the limit",
    expected: 413,
    init: () => ({ headers: { "Content-Type": FORM, "Content-Length": String(50 * 1024 * 1024) }, body: "intent=x" }),
  },
  ...ODD_REDIRECTS.map((redirectTo): Probe => ({
    name: `redirectTo ${JSON.stringify(redirectTo)}`,
    expected: null,
    init: () => ({
      headers: { "Content-Type": FORM },
      body: enc({ redirectTo, locale: "en", intent: "\uFF0F", email: "x@example.com", password: "x" }),
    }),
  })),
  {
    name: "repeated and oversized fields",
    expected: null,
    init: () => ({
      headers: { "Content-Type": FORM },
      body: [...COMMON_FIELDS.flatMap((f) => [`${f}=1`, `${f}=2`]), `title=${"x".repeat(50_000)}`].join("&"),
    }),
  },
];

function requestFor(path: string, probe: Probe, cookie: string | undefined): Request {
  const { headers = {}, body, origin = ORIGIN } = probe.init();
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  if (origin) h.set("Origin", origin);
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: h,
    body,
    ...(body === undefined ? {} : { duplex: "half" }),
  } as RequestInit);
}

/** The whole path a post takes in the server: the guard, then (when it lets the request through) the action. */
async function send(action: unknown, request: Request, params: Record<string, string>): Promise<Response> {
  const guarded = await guardRequest(request);
  if (!guarded.ok) return rejectionResponse(request, guarded.rejection);
  try {
    return await call(action, guarded.request, params, { clientIp: "192.0.2.44" });
  } catch (error) {
    return new Response(String(error), { status: 500 });
  }
}

/**
 * Sessions are left out (the sweep makes one per request, and signing out, an allowed outcome, ends one), and so
 * are throttle counters: `throttle_windows` (a readable form asking for a reset link is counted, which is their job)
 * and, on PostgreSQL, the login limiter's `rate_limits` (a readable sign-in form with a wrong password is a failure).
 */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((name) => !["sessions", "throttle_windows", "rate_limits"].includes(name) && !name.startsWith("kysely_"));
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table as "users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const userIds = new Map<Role, string>();
let before: Record<string, number>;
let sent = 0;

beforeAll(async () => {
  for (const role of ROLES) userIds.set(role, (await createTestUser({ roles: [role], name: `Only ${role}` })).id);
  before = await rowCounts();
});

afterAll(() => {
  console.log(`malformed-body sweep: ${sent} requests`);
});

describe("malformed bodies on every action: never 5xx, nothing changed", () => {
  // Bearer-token endpoints (SCIM) read JSON, not forms; tests/identity/scim.test.ts sends them bad bodies.
  const actionRules = rules.filter(
    (rule) => rule.action !== null && rule.action !== "bearer-token" && typeof routes.get(rule.file)?.action === "function",
  );

  it("covers the actions of the access matrix", () => {
    expect(actionRules.length).toBeGreaterThan(20);
  });

  for (const rule of actionRules) {
    it(`${rule.file} (${rule.path})`, async () => {
      const identity = insider(rule.action!);
      const problems: string[] = [];
      for (const probe of PROBES) {
        const cookie = identity === "anonymous" ? undefined : await sessionCookie(userIds.get(identity)!);
        const response = await send(routes.get(rule.file)!.action, requestFor(rule.path, probe, cookie), rule.params ?? {});
        sent += 1;
        if (response.status >= 500) problems.push(`${probe.name}: ${response.status} ${(await response.text()).slice(0, 200)}`);
        else if (probe.expected !== null && response.status !== probe.expected)
          problems.push(`${probe.name}: expected ${probe.expected}, got ${response.status}`);
        const location = response.headers.get("Location");
        if (location && !location.startsWith("/")) problems.push(`${probe.name}: redirected off-site to ${location}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it("left every table as it was", async () => {
    expect(await rowCounts()).toEqual(before);
  });
});

describe("the refusal page", () => {
  it("is translated and escapes nothing it should not", async () => {
    const request = (language: string) =>
      new Request(`${ORIGIN}/ideas`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Accept-Language": language, "Content-Type": "application/json" },
        body: "{}",
      });
    const en = await send(routes.get("ideas")!.action, request("en"), {});
    expect(en.status).toBe(400);
    expect(en.headers.get("Content-Type")).toMatch(/text\/html/);
    const html = await en.text();
    expect(html).toContain('lang="en"');
    expect(html).toContain("This form could not be read.");
    const es = await send(routes.get("ideas")!.action, request("es-ES"), {});
    expect(await es.text()).toContain("No hemos podido leer este formulario.");
  });

  it("answers Remix's data requests with JSON", async () => {
    const request = new Request(`${ORIGIN}/ideas?_data=routes%2Fideas`, {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": FORM },
      body: "text=a%00b",
    });
    const response = await send(routes.get("ideas")!.action, request, {});
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "errors.nulCharacter" });
  });
});
