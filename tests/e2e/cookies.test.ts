// End to end in Chromium against the built app in production mode, served over plain http on an intranet
// host name (APP_ORIGIN=http://intranet.test:<port>, which Chromium reaches through a host-resolver rule
// and, unlike localhost, treats as insecure): the session and message cookies must not be Secure there,
// or the browser drops them and nobody can sign in. (tests/e2e/foundation.test.ts checks that they are
// Secure by default, on http://localhost, which Chromium treats as secure.)
// Needs `npx remix build` first and /usr/bin/chromium.
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import { CHROMIUM_ARGS, logIn, logOut, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e cookie password";
const ADMIN = "irene.cookies@example.com";

let app: E2eApp;
let browser: Browser;
let origin = "";

beforeAll(async () => {
  app = await startE2eApp(
    "cookies",
    async (db) => {
      await insertUser(db, {
        email: ADMIN,
        name: "Irene Intranet",
        departmentId: null,
        roles: ["admin", "employee"],
        status: "active",
        password: PASSWORD,
        locale: "es",
      });
    },
    ({ port }) => {
      origin = `http://intranet.test:${port}`;
      return { APP_ORIGIN: origin };
    },
  );
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP intranet.test 127.0.0.1"],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("cookies over plain http", () => {
  it("signs in, keeps the session and shows the one-time messages on an http APP_ORIGIN", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`${origin}/login`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

    await logIn(page, origin, ADMIN, PASSWORD);
    expect(page.url()).toBe(`${origin}/`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hola, Irene Intranet");
    const session = (await context.cookies()).find((c) => c.name === "altavoz_session");
    expect(session).toMatchObject({ secure: false, httpOnly: true, sameSite: "Lax" });

    // Still signed in on a full page load, and a toast (its own cookie) arrives.
    await page.goto(`${origin}/admin/departments`);
    await page.getByLabel("Nombre").fill("Intranet");
    await page.getByRole("button", { name: "Crear", exact: true }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Departamento Intranet creado.");

    await logOut(page, origin);
    expect((await context.cookies()).some((c) => c.name === "altavoz_session" && c.value !== "")).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
