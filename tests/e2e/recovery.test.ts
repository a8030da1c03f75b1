// End to end in Chromium: a forgotten password is recovered by mail from the login page; a form shows no
// error on blur (so nothing moves under the pointer) and checks on submit, then again as the person types;
// a mistyped tracked link and the service-status link show translated pages, not JSON.
// Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { fieldError } from "./support/forms";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e recovery password";
const ADMIN = "ada.recovery@example.com";
const FORGETFUL = "fran.recovery@example.com";

let app: E2eApp;

async function arrange(db: DB) {
  await insertUser(db, {
    email: ADMIN,
    name: "Ada Admin",
    departmentId: null,
    roles: ["admin", "employee"],
    status: "active",
    password: PASSWORD,
    locale: "en",
  });
  await insertUser(db, {
    email: FORGETFUL,
    name: "Fran Olvido",
    departmentId: null,
    roles: ["employee"],
    status: "active",
    password: PASSWORD,
    locale: "en",
  });
}

beforeAll(async () => {
  app = await startE2eApp("recovery", arrange, { BRAND_URL: "https://www.example.com/" });
});

afterAll(async () => {
  await app?.stop();
});

describe("recovering a forgotten password", () => {
  it("goes from the login page to a mailed link, a new password and a signed-in home", async () => {
    const { page, context, errors } = await app.newPage({ locale: "en-GB" });
    await page.goto(`${app.base}/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await page.getByLabel("Email").fill(FORGETFUL);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect.poll(() => page.locator("main [role=status]").textContent()).toContain(FORGETFUL);

    const mail = await app.db.selectFrom("outbox").select("text_body").where("to_address", "=", FORGETFUL).executeTakeFirstOrThrow();
    const link = /http:\/\/[^\s]+\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
    await page.goto(new URL(new URL(link).pathname, app.base).toString());
    await page.getByLabel("New password", { exact: true }).fill("my new recovered password");
    await page.getByLabel("Repeat the password").fill("my new recovered password");
    await Promise.all([page.waitForURL(`${app.base}/`), page.getByRole("button", { name: "Save the new password" }).click()]);
    await expect.poll(() => page.getByText("Your password was changed").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();

    const again = await app.newPage({ locale: "en-GB" });
    await logIn(again.page, app.base, FORGETFUL, "my new recovered password");
    expect(new URL(again.page.url()).pathname).toBe("/");
    await again.context.close();
  });
});

describe("validating on submit", () => {
  it("shows no error on blur, so the next click lands; errors appear on submit and clear as the person types", async () => {
    const { page, context } = await app.newPage({ locale: "en-GB" });
    await logIn(page, app.base, ADMIN, PASSWORD);
    await page.goto(`${app.base}/admin/people/invite`);
    await page.getByLabel("Email").click();
    await page.getByLabel("Name").click();
    expect(await fieldError(page, "Email")).toBeNull();
    const editor = page.getByRole("checkbox", { name: "Communications editor" });
    await editor.click();
    expect(await editor.isChecked()).toBe(true);

    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => fieldError(page, "Email")).not.toBeNull();
    await page.getByLabel("Email").fill("new.person@example.com");
    await expect.poll(() => fieldError(page, "Email")).toBeNull();
    await context.close();
  });
});

describe("public pages", () => {
  it("a mistyped tracked link is a translated page pointing to the brand's site", async () => {
    const { page, context } = await app.newPage({ locale: "en-US" });
    const response = await page.goto(`${app.base}/l/ZZZZZZZZ`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This link does not work");
    expect(await page.getByRole("link", { name: "Go to our website" }).getAttribute("href")).toBe("https://www.example.com/");
    expect(await page.content()).not.toContain("errors.linkNotFound");
    await context.close();

    const spanish = await app.newPage({ locale: "es-ES" });
    await spanish.page.goto(`${app.base}/l/ZZZZZZZZ`);
    expect(await spanish.page.getByRole("heading", { level: 1 }).textContent()).toBe("Este enlace no funciona");
    await spanish.context.close();
  });

  it("the login page's service-status link opens a readable page", async () => {
    const { page, context } = await app.newPage({ locale: "en-GB" });
    await page.goto(`${app.base}/login`);
    await Promise.all([page.waitForURL(`${app.base}/healthz`), page.getByRole("link", { name: "Service status" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Altavoz is working");
    await context.close();
  });
});
