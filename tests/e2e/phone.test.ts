// End to end in Chromium at a phone's width (390 px): an ambassador's main journey, home → a card's share
// button → the share dialog (on to LinkedIn) → My shares, with nothing scrolling sideways and the numbers that matter on
// screen; the phone menu opens with and without JavaScript. Needs `npx remix build` first and /usr/bin/chromium.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "~/cli/demo/organisation";
import { arrangeDemo, logIn, startE2eApp, type E2eApp } from "./support/harness";

let app: E2eApp;
/** A certified ambassador of the demo (customer care, also an employee). */
const AMBASSADOR = "care@demo.altavoz.test";

beforeAll(async () => {
  app = await startE2eApp("phone", arrangeDemo);
});

afterAll(async () => {
  await app?.stop();
});

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether the element's box lies inside the viewport's width (visible without scrolling sideways). */
const withinWidth = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.left >= 0 && box.right <= document.documentElement.clientWidth;
    });

describe("an ambassador on a phone", () => {
  it("goes from home to a card's share button, shares, and finds the share in My shares, never scrolling sideways", async () => {
    const { context, page, errors } = await app.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await context.route(/^https:\/\/(twitter\.com|x\.com|www\.linkedin\.com|www\.facebook\.com|wa\.me)\//, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>external</title><p>external page</p>" }),
    );
    await logIn(page, app.base, AMBASSADOR, DEMO_PASSWORD);
    await page.goto(`${app.base}/`);
    // Home: what is new to share, this week's points, and the bottom bar with the main places.
    await page.getByRole("heading", { name: "Nuevo para compartir" }).waitFor();
    expect(await page.getByTestId("home-week-points").isVisible()).toBe(true);
    const bottomBar = page.getByRole("navigation", { name: "Accesos directos" });
    expect(await bottomBar.getByRole("link").allTextContents()).toEqual([
      "⌂Inicio",
      "✦Para compartir",
      "↗Mis compartidos",
      "✎Formación",
      "★Clasificación",
    ]);
    expect(await page.getByRole("navigation", { name: "Navegación principal" }).isVisible()).toBe(false);
    expect(await sideways(page)).toBe(0);
    // The demo's running challenge, with its progress, fits the phone too.
    expect(await withinWidth(page, ".home-challenge .challenge-progress")).toBe(true);

    // The feed from the bottom bar, then the first card's share button.
    await Promise.all([page.waitForURL(`${app.base}/feed`), bottomBar.getByRole("link", { name: /Para compartir/ }).click()]);
    expect(await sideways(page)).toBe(0);
    await page
      .locator(".feed-item")
      .first()
      .getByRole("link", { name: /^(Compartir|Volver a compartir)$/ })
      .click();
    await page.waitForURL(/\/feed\/[^/]+#share$/);
    const itemId = new URL(page.url()).pathname.split("/").at(-1)!;
    await page.getByRole("navigation", { name: "Compartir en" }).getByRole("link", { name: "LinkedIn", exact: true }).click();
    await page.getByRole("button", { name: "Compartir en LinkedIn" }).waitFor();
    // LinkedIn takes no text: the dialog says so in one line, and shows the post as it will look.
    expect(await page.locator(".paste-hint").textContent()).toContain("LinkedIn no deja rellenar el texto");
    expect(await page.getByTestId("post-preview").textContent()).toContain("Así se verá en LinkedIn");
    expect(await sideways(page)).toBe(0);
    const before = await app.db.selectFrom("shares").select("link_id").where("item_id", "=", itemId).execute();
    // LinkedIn opens in a window (a tab on a phone) of its own, with the tracked link; the person stays here.
    const trackedLink = (await page.locator(".share-form code").textContent())!;
    const [popup] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Compartir en LinkedIn" }).click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toMatch(/^https:\/\/www\.linkedin\.com\/sharing\/share-offsite\/\?url=/);
    expect(new URL(popup.url()).searchParams.get("url")).toBe(trackedLink);
    expect(await popup.textContent("p")).toBe("external page");
    await page.getByTestId("share-popup-status").waitFor();
    expect(page.url()).toContain(`/feed/${itemId}`);
    expect(await page.getByTestId("share-popup-status").textContent()).toContain("LinkedIn se ha abierto en una ventana nueva");
    const after = await app.db.selectFrom("shares").select("link_id").where("item_id", "=", itemId).execute();
    expect(after.length).toBe(before.length + 1);
    expect(await sideways(page)).toBe(0);
    await popup.close();

    // My shares: one card per row on a phone, with clicks and points on screen.
    await page.goto(`${app.base}/shares`);
    await page.locator("table.shared-links").waitFor();
    expect(await sideways(page)).toBe(0);
    expect(await withinWidth(page, 'table.shared-links td[data-column="points"]')).toBe(true);
    expect(await withinWidth(page, 'table.shared-links td[data-column="clicks"]')).toBe(true);
    // The column names stay in the table for screen readers.
    expect(await page.getByRole("columnheader", { name: "Puntos" }).count()).toBe(1);

    // The leaderboard fits the phone too.
    await page.goto(`${app.base}/leaderboard`);
    expect(await sideways(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("without JavaScript, the share is recorded and the network's page is a plain link with the tracked link", async () => {
    const { context, page, errors } = await app.newPage({ javaScriptEnabled: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await context.route(/^https:\/\/www\.linkedin\.com\//, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>external</title><p>external page</p>" }),
    );
    await logIn(page, app.base, AMBASSADOR, DEMO_PASSWORD);
    await page.goto(`${app.base}/feed`);
    const href = (await page
      .locator(".feed-item")
      .first()
      .getByRole("link", { name: /^(Compartir|Volver a compartir)$/ })
      .getAttribute("href"))!;
    const itemId = href.split("#")[0].split("/").at(-1)!;
    await page.goto(`${app.base}/feed/${itemId}?network=linkedin#share`);
    const trackedLink = (await page.locator(".share-form code").textContent())!;
    const before = await app.db.selectFrom("shares").select("link_id").where("item_id", "=", itemId).execute();
    // A form post redirected to another site is blocked by the form-action policy: the answer is a link instead.
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Compartir en LinkedIn" }).click()]);
    expect(page.url()).toContain(`/feed/${itemId}`);
    const status = page.getByTestId("share-popup-status");
    expect(await status.textContent()).toContain("Tu publicación en LinkedIn queda registrada");
    const link = status.getByRole("link", { name: "Abrir LinkedIn" });
    expect(new URL((await link.getAttribute("href"))!).searchParams.get("url")).toBe(trackedLink);
    const after = await app.db.selectFrom("shares").select("link_id").where("item_id", "=", itemId).execute();
    expect(after.length).toBe(before.length + 1);
    expect(await sideways(page)).toBe(0);
    const [network] = await Promise.all([context.waitForEvent("page"), link.click()]);
    await network.waitForLoadState();
    expect(new URL(network.url()).searchParams.get("url")).toBe(trackedLink);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`opens the menu ${javaScriptEnabled ? "with" : "without"} JavaScript and reaches a grouped page`, async () => {
      const { context, page } = await app.newPage({ javaScriptEnabled });
      await page.setViewportSize({ width: 390, height: 844 });
      await logIn(page, app.base, AMBASSADOR, DEMO_PASSWORD);
      if (javaScriptEnabled) await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
      const nav = page.getByRole("navigation", { name: "Navegación principal" });
      expect(await nav.isVisible()).toBe(false);
      await page.getByRole("link", { name: /Menú/ }).click();
      await expect.poll(() => nav.isVisible()).toBe(true);
      if (javaScriptEnabled) expect(await page.getByRole("link", { name: /Menú/ }).getAttribute("aria-expanded")).toBe("true");
      expect(await nav.getByText("Aprender").isVisible()).toBe(true);
      await Promise.all([page.waitForURL(`${app.base}/guidelines`), nav.getByRole("link", { name: "Pautas" }).click()]);
      // A new page closes the menu again.
      await expect.poll(() => nav.isVisible()).toBe(false);
      await context.close();
    });
  }
});
