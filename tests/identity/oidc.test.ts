import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ssoStart from "~/routes/auth.sso";
import * as ssoCallback from "~/routes/auth.sso.callback";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import { saveSsoSettings } from "~/models/identity/sso-config.server";
import { insertUser } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, ORIGIN, postRequest, TEST_PASSWORD, type TestUser } from "../support/http";
import { followProvider, startTestProvider, type Tamper, type TestAccount, type TestProvider } from "../support/oidc-provider";

let provider: TestProvider;
let admin: TestUser;
let n = 0;

beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: [`${ORIGIN}/auth/sso/callback`], postLogoutRedirectUris: [`${ORIGIN}/login`] });
  admin = await createTestUser({ roles: ["admin", "employee"], email: "breakglass@acme.test" });
});
afterAll(async () => provider.stop());

async function configure(overrides: { required?: boolean; breakGlassEmail?: string | null; clientId?: string } = {}) {
  await saveSsoSettings(
    db,
    {
      enabled: true,
      issuer: provider.issuer,
      clientId: overrides.clientId ?? provider.clientId,
      clientSecret: provider.clientSecret,
      clearSecret: false,
      allowedDomains: ["acme.test"],
      departmentClaim: "department",
      required: overrides.required ?? false,
      breakGlassEmail: overrides.breakGlassEmail ?? null,
    },
    admin.id,
  );
}
beforeEach(() => configure());

const account = (extra: Partial<TestAccount> = {}): TestAccount => ({
  sub: `sub-${++n}-${Date.now()}`,
  email: `person${n}.${Date.now()}@acme.test`,
  name: `Persona ${n}`,
  ...extra,
});

const cookiePair = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

/** The whole round trip: Altavoz → provider (signs `who` in) → Altavoz's callback. */
async function signIn(who: TestAccount, options: { tamper?: Tamper; alter?: (url: URL) => void; headers?: HeadersInit } = {}) {
  provider.nextAccount = who;
  provider.tamper = options.tamper ?? null;
  const start = await call(ssoStart.loader, getRequest("/auth/sso?redirectTo=%2Ffeed", { headers: options.headers }));
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("Location")!);
  expect(authorize.origin).toBe(provider.issuer);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(authorize.searchParams.get("nonce")).toBeTruthy();
  const pending = cookiePair(start, "altavoz_sso")!;
  const back = await followProvider(authorize.href, ORIGIN);
  options.alter?.(back);
  const response = await call(
    ssoCallback.loader,
    getRequest(`${back.pathname}${back.search}`, { cookie: pending, headers: options.headers }),
  );
  return { response, session: cookiePair(response, "altavoz_session") };
}

const userByEmail = (email: string) => db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
const expectRefused = async (result: { response: Response; session: string | undefined }) => {
  expect(result.response.status).toBe(302);
  expect(result.response.headers.get("Location")).toBe("/login");
  expect(result.session).toBeUndefined();
  expect(result.response.headers.getSetCookie().some((c) => c.startsWith("altavoz_toast="))).toBe(true);
};

describe("company sign-in against a real OpenID provider", () => {
  it("creates an employee on the first sign-in, with the department and language from the claims", async () => {
    const who = account({ department: "Ventas Iberia", locale: "en-GB" });
    const { response, session } = await signIn(who);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/feed");
    expect(session).toMatch(/^altavoz_session=.+/);
    const user = await userByEmail(who.email);
    expect(user).toMatchObject({ name: who.name, status: "active", locale: "en", password_hash: null });
    const department = await db.selectFrom("departments").select("name").where("id", "=", user!.department_id!).executeTakeFirstOrThrow();
    expect(department.name).toBe("Ventas Iberia");
    expect((await db.selectFrom("user_roles").select("role").where("user_id", "=", user!.id).execute()).map((r) => r.role)).toEqual([
      "employee",
    ]);
    const audit = await db.selectFrom("audit_log").selectAll().where("target_id", "=", user!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["sso.account_created"]);
    // A second sign-in finds the same person through the linked subject.
    const again = await signIn({ ...who, email: who.email.toUpperCase() });
    expect(again.session).toBeTruthy();
    expect(await db.selectFrom("users").select("id").where("email", "=", who.email).execute()).toHaveLength(1);
  });

  it("takes the language from the browser when the provider sends none", async () => {
    const who = account();
    await signIn(who, { headers: { "Accept-Language": "en-US,en;q=0.9" } });
    expect((await userByEmail(who.email))?.locale).toBe("en");
  });

  it("links a known email to its existing account, and an invited person becomes active", async () => {
    const who = account();
    const existingId = await insertUser(db, {
      email: who.email,
      name: "Ya Existe",
      departmentId: null,
      roles: ["employee", "editor"],
      status: "invited",
    });
    const { session } = await signIn({ ...who, name: "Otro Nombre" });
    expect(session).toBeTruthy();
    const user = await userByEmail(who.email);
    expect(user).toMatchObject({ id: existingId, name: "Ya Existe", status: "active" });
    const identity = await db.selectFrom("user_identities").selectAll().where("user_id", "=", existingId).executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ provider: `oidc:${provider.issuer}`, subject: who.sub });
    expect((await db.selectFrom("audit_log").select("action").where("target_id", "=", existingId).execute()).map((a) => a.action)).toEqual([
      "sso.account_linked",
    ]);
  });

  it("refuses an email whose domain is not allowed, creating nobody", async () => {
    const who = account({ email: `intruder${Date.now()}@elsewhere.test` });
    await expectRefused(await signIn(who));
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it("refuses a deactivated person", async () => {
    const who = account();
    await insertUser(db, { email: who.email, name: "Se fue", departmentId: null, roles: ["employee"], status: "deactivated" });
    await expectRefused(await signIn(who));
  });

  it("refuses an ID token for another audience", async () => {
    const who = account();
    await expectRefused(await signIn(who, { tamper: { claims: (p) => ({ ...p, aud: "someone-else" }) } }));
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it("refuses an expired ID token", async () => {
    const who = account();
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await signIn(who, { tamper: { claims: (p) => ({ ...p, iat: now - 7200, exp: now - 3600 }) } }));
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it("refuses an ID token signed with a key the provider never published", async () => {
    const who = account();
    await expectRefused(await signIn(who, { tamper: { forge: true } }));
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it("refuses an ID token from another issuer", async () => {
    const who = account();
    await expectRefused(await signIn(who, { tamper: { claims: (p) => ({ ...p, iss: "https://evil.example" }) } }));
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it("refuses a callback whose state does not match the browser's", async () => {
    const who = account();
    await expectRefused(await signIn(who, { alter: (url) => url.searchParams.set("state", "forged-state") }));
    expect(await userByEmail(who.email)).toBeUndefined();
  });

  it("refuses a callback without the browser's pending sign-in cookie", async () => {
    const response = await call(ssoCallback.loader, getRequest("/auth/sso/callback?code=abc&state=def"));
    expect(response.headers.get("Location")).toBe("/login");
    expect(cookiePair(response, "altavoz_session")).toBeUndefined();
  });

  it("shows the button on the login page, and passwords off leaves only the break-glass administrator", async () => {
    expect(await jsonOf(await call(login.loader, getRequest("/login")))).toMatchObject({ sso: { required: false } });
    const employee = await createTestUser({ email: `pw${Date.now()}@acme.test` });
    await configure({ required: true, breakGlassEmail: admin.email });
    const refused = await call(login.action, postRequest("/login", { email: employee.email, password: TEST_PASSWORD }));
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors[""]).toBe("identity.sso.errors.passwordsOff");
    const breakGlass = await call(login.action, postRequest("/login", { email: admin.email, password: TEST_PASSWORD }));
    expect(breakGlass.status).toBe(302);
    expect(cookiePair(breakGlass, "altavoz_session")).toBeTruthy();
  });

  it("signing out ends the session and offers the provider's end-session URL", async () => {
    const { session } = await signIn(account());
    const out = await call(logout.action, postRequest("/logout", {}, { cookie: session }));
    expect(out.headers.get("Location")).toBe("/login?signedOut=1");
    expect(await db.selectFrom("sessions").selectAll().execute()).not.toContainEqual(expect.objectContaining({ id: session }));
    const page = await jsonOf(await call(login.loader, getRequest("/login?signedOut=1")));
    const endSession = new URL(page.providerSignOut);
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/login`);
  });
});
