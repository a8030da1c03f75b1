// End to end in Chromium against the built app with the demo organisation (`npm run demo`'s data): every
// demo login opens each page of its navigation as a full page load, in a browser whose time zone differs
// from the server's, and the page hydrates without errors or React warnings; every page has one main
// landmark and one h1, labelled form fields, a skip link that is the first stop of the keyboard, and no
// axe-core violation of any impact, at a desktop width and at a phone's (390 px, where nothing may
// scroll sideways).
// Needs `npx remix build` first and /usr/bin/chromium.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { navItemsFor } from "~/components/navigation";
import { DEMO_LOGINS, DEMO_PASSWORD } from "~/cli/demo/organisation";
import { invitePerson } from "~/models/people/invitations.server";
import { startPeopleImport } from "~/models/people/import.server";
import type { DB } from "~/utils/db.server";
import { axeViolations } from "./support/axe";
import { arrangeDemo, logIn, startE2eApp, type E2eApp } from "./support/harness";

let app: E2eApp;
/** Pages beyond the navigation, by role, filled in once the data exists. */
const extraPages: Record<string, string[]> = { admin: [], hr: [], employee: ["/conversations/new"], care: ["/care/dashboard"] };

/** The demo, plus an invitation (so the outbox lists a dated message) and a finished import. */
async function arrange(db: DB) {
  await arrangeDemo(db);
  const admin = await db.selectFrom("users").select("id").where("email", "=", "admin@demo.altavoz.test").executeTakeFirstOrThrow();
  const invited = await invitePerson(db, {
    email: "nueva.shell@example.com",
    name: "Nueva Persona",
    departmentId: null,
    roles: ["employee"],
    invitedBy: admin.id,
    origin: "http://localhost",
    locale: "es",
  });
  if (!invited.ok) throw new Error(invited.reason);
  const message = await db.selectFrom("outbox").select("id").executeTakeFirstOrThrow();
  const importId = await startPeopleImport(db, {
    createdBy: admin.id,
    filename: "plantilla.csv",
    totalRows: 1,
    rowErrors: [{ line: 2, email: "x", errors: ["people.import.errors.emailInvalid"] }],
  });
  await db.updateTable("people_imports").set({ status: "done" }).where("id", "=", importId).execute();
  extraPages.admin.push(
    `/admin/outbox/${message.id}`,
    `/admin/people/${invited.userId}`,
    "/admin/people/import",
    `/admin/people/import/${importId}`,
  );
  extraPages.hr.push(`/admin/people/${invited.userId}`, "/admin/people/import");
  // Reported customer conversations: one waiting and one resolved report page for customer care.
  const { seedDemoConversations } = await import("~/cli/demo/conversations");
  await seedDemoConversations(db);
  const reports = await db.selectFrom("conversation_reports").select(["id", "status"]).execute();
  for (const status of ["open", "resolved"]) extraPages.care.push(`/care/${reports.find((r) => r.status === status)?.id}`);
}

beforeAll(async () => {
  app = await startE2eApp("shell", arrange);
});

afterAll(async () => {
  await app?.stop();
});

/** Form fields a person can reach that have no accessible name. */
async function unlabelledFields(page: Page): Promise<string[]> {
  return page.locator("input:not([type=hidden]), select, textarea").evaluateAll((fields) =>
    fields
      .filter((field) => {
        const element = field as HTMLInputElement;
        return !(element.labels?.length || element.getAttribute("aria-label")?.trim() || element.getAttribute("aria-labelledby"));
      })
      .map((field) => field.outerHTML.slice(0, 120)),
  );
}

/** Checks one page after a full load; returns what is wrong with it. */
async function checkPage(page: Page, consoleErrors: string[], errors: string[], path: string): Promise<string[]> {
  const problems: string[] = [];
  consoleErrors.length = 0;
  errors.length = 0;
  const response = await page.goto(`${app.base}${path}`);
  if (!response || response.status() !== 200) problems.push(`status ${response?.status()}`);
  // Hydration has finished once Remix's router is there and the page had a moment to report mismatches.
  const hydrated = await page
    .waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter), undefined, { timeout: 15_000 })
    .then(
      () => true,
      () => false,
    );
  if (!hydrated) problems.push("did not hydrate");
  await page.waitForTimeout(300);
  if ((await page.getByRole("main").count()) !== 1) problems.push("not exactly one main landmark");
  if ((await page.locator("h1").count()) !== 1) problems.push(`${await page.locator("h1").count()} h1 headings`);
  const unlabelled = await unlabelledFields(page);
  if (unlabelled.length) problems.push(`unlabelled fields: ${unlabelled.join(" | ")}`);
  // The first Tab reaches the skip link, which moves the focus to the main content.
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
  if (first !== "Saltar al contenido") problems.push(`first focus stop is "${first}"`);
  else {
    await page.keyboard.press("Enter");
    if ((await page.evaluate(() => document.activeElement?.id)) !== "main") problems.push("skip link does not move the focus to main");
  }
  problems.push(...(await axeViolations(page)).map((v) => `axe: ${v}`));
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (sideways > 0) problems.push(`scrolls sideways by ${sideways}px at ${page.viewportSize()?.width}px`);
  problems.push(
    ...errors.map((e) => `page error: ${e.slice(0, 200)}`),
    ...consoleErrors.map((e) => `console: ${e.split("\n")[0].slice(0, 200)}`),
  );
  return [...new Set(problems)];
}

describe("app shell in Chromium", () => {
  for (const [login, width] of DEMO_LOGINS.flatMap((login) => [[login, 1280] as const, [login, 390] as const])) {
    it(`every page of ${login.roles.join("+")}'s navigation at ${width} px hydrates cleanly, is reachable by keyboard and passes axe`, async () => {
      const { context, page, errors, consoleErrors } = await app.newPage({ timezoneId: "Pacific/Auckland" });
      await page.setViewportSize({ width, height: 844 });
      await logIn(page, app.base, login.email, DEMO_PASSWORD);
      const report: Record<string, string[]> = {};
      const pages = [...navItemsFor(login.roles).map((item) => item.to), ...login.roles.flatMap((role) => extraPages[role] ?? [])];
      for (const path of new Set(pages)) {
        const problems = await checkPage(page, consoleErrors, errors, path);
        if (problems.length) report[path] = problems;
      }
      expect(report).toEqual({});
      await context.close();
    }, 400_000);
  }

  it("the login page and the refused page hydrate cleanly too", async () => {
    const { context, page, errors, consoleErrors } = await app.newPage({ timezoneId: "Pacific/Auckland" });
    expect(await checkPage(page, consoleErrors, errors, "/login")).toEqual([]);
    await logIn(page, app.base, "employee@demo.altavoz.test", DEMO_PASSWORD);
    await page.goto(`${app.base}/admin/people`);
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
    expect(await page.getByRole("main").count()).toBe(1);
    // The browser reports the 403 response itself; nothing else may go wrong.
    expect([...errors, ...consoleErrors.filter((e) => !/status of 403/.test(e))]).toEqual([]);
    await context.close();
  });
});
