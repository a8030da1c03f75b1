// End to end in Chromium: "Sign in with your company account" against a real OpenID provider on
// loopback; the first sign-in creates the employee, sign-out offers the provider's end-session URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import { startE2eApp, type E2eApp } from "./support/harness";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";

let app: E2eApp;
let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider({
    redirectUris: () => [`${app.base}/auth/sso/callback`],
    postLogoutRedirectUris: () => [`${app.base}/login`],
  });
  app = await startE2eApp(
    "sso",
    async (db) => {
      await insertUser(db, {
        email: "admin@acme.test",
        name: "Admin",
        departmentId: null,
        roles: ["admin", "employee"],
        status: "active",
        password: "una frase de admin",
      });
    },
    {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_ALLOWED_DOMAINS: "acme.test",
    },
  );
});

afterAll(async () => {
  await app?.stop();
  await provider?.stop();
});

describe("company sign-in in Chromium", () => {
  it("signs a new employee in through the provider and out again", async () => {
    provider.nextAccount = {
      sub: "e2e-sub-1",
      email: "lucia.e2e@acme.test",
      name: "Lucía Empresa",
      department: "Marketing",
      locale: "es-ES",
    };
    const { context, page, errors } = await app.newPage({ locale: "es-ES" });
    await page.goto(`${app.base}/login`);
    await Promise.all([
      page.waitForURL((url) => url.origin === app.base && !url.pathname.startsWith("/login") && !url.pathname.startsWith("/auth")),
      page.getByRole("link", { name: "Entrar con tu cuenta de la empresa" }).click(),
    ]);
    await expect.poll(() => page.getByText("Lucía Empresa").first().isVisible()).toBe(true);
    const person = await app.db.selectFrom("users").selectAll().where("email", "=", "lucia.e2e@acme.test").executeTakeFirstOrThrow();
    expect(person).toMatchObject({ status: "active", locale: "es" });
    await Promise.all([page.waitForURL(/\/login\?signedOut=1$/), page.getByRole("button", { name: /^(Cerrar sesión|Sign out)$/ }).click()]);
    const signOut = page.getByRole("link", { name: "Cerrar también la sesión de tu cuenta de la empresa" });
    await expect.poll(() => signOut.getAttribute("href")).toContain(`${provider.issuer}/`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
