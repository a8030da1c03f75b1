// End to end in Chromium against the built app: an editor writes two approved texts for LinkedIn, a
// reviewer sees both and approves; the first colleague's dialog starts from version 1, and once they
// have shared it the next colleague's starts from version 2 (the least used), can switch back to
// version 1, and without JavaScript the copy they record counts for the version shown. Analytics lists
// a running campaign's budget and goals. The dialog, the review page and analytics pass axe.
// Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { axeViolations } from "./support/axe";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e variants password";
const EDITOR = "elena.variants@example.com";
const REVIEWER = "rita.variants@example.com";
const FIRST = "ana.variants@example.com";
const SECOND = "bruno.variants@example.com";
const THIRD = "carla.variants@example.com";
const TITLE = "Abrimos los sábados";
const MAIN = "Nuestro equipo de atención al cliente ya abre los sábados.";
const OTHER = "Los sábados también te atendemos: pásate por tu tienda.";

let app: E2eApp;
let itemId = "";

async function arrange(db: DB) {
  const person = (email: string, name: string, roles: ("employee" | "editor" | "reviewer")[]) =>
    insertUser(db, { email, name, departmentId: null, roles, status: "active", password: PASSWORD, locale: "es" });
  await person(EDITOR, "Elena Editora", ["editor", "employee"]);
  await person(REVIEWER, "Rita Revisora", ["reviewer", "employee"]);
  await person(FIRST, "Ana Primera", ["employee"]);
  await person(SECOND, "Bruno Segundo", ["employee"]);
  await person(THIRD, "Carla Tercera", ["employee"]);
  const now = Date.now();
  await db
    .insertInto("campaigns")
    .values({
      id: "sabados",
      name: "Sábados",
      starts_at: now - 86_400_000,
      ends_at: now + 30 * 86_400_000,
      goal_shares: 10,
      goal_conversions: 5,
      budget_cents: 120_000,
      budget_currency: "EUR",
      created_at: now,
      updated_at: now,
    })
    .execute();
}

beforeAll(async () => {
  app = await startE2eApp("variants", arrange);
});

afterAll(async () => {
  await app?.stop();
});

async function as(email: string, javaScriptEnabled = true) {
  const session = await app.newPage({ javaScriptEnabled });
  await logIn(session.page, app.base, email, PASSWORD);
  return session;
}

const uses = async () =>
  (
    await app.db.selectFrom("share_variant_uses").select(["variant", "shares"]).where("item_id", "=", itemId).orderBy("variant").execute()
  ).map((r) => [r.variant, Number(r.shares)]);

describe("approved variants in Chromium", () => {
  it("an editor writes two versions of the LinkedIn text and sends the item to review", async () => {
    const { context, page, errors } = await as(EDITOR);
    await page.goto(`${app.base}/manage/content/new`);
    await page.getByLabel("Título").fill(TITLE);
    await page.getByLabel("Enlace de destino").fill("https://news.example.com/sabados");
    await page.getByLabel("LinkedIn", { exact: true }).fill(MAIN);
    await page.getByText("Otras versiones aprobadas para LinkedIn (opcional)").click();
    await page.getByLabel("LinkedIn — versión 2", { exact: true }).fill(OTHER);
    await Promise.all([
      page.waitForURL((url) => /^\/manage\/content\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new")),
      page.getByRole("button", { name: "Guardar y enviar a revisión" }).click(),
    ]);
    itemId = new URL(page.url()).pathname.split("/").pop()!;
    expect(
      await app.db.selectFrom("content_share_variants").select(["network", "variant", "text"]).where("item_id", "=", itemId).execute(),
    ).toEqual([{ network: "linkedin", variant: 2, text: OTHER }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a reviewer sees both versions and approves", async () => {
    const { context, page, errors } = await as(REVIEWER);
    await page.goto(`${app.base}/review/${itemId}`);
    await expect.poll(() => page.getByText(MAIN, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByTestId("share-variants").getByText(OTHER, { exact: true }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(`${app.base}/review`), page.getByRole("button", { name: "Aprobar" }).click()]);
    expect((await app.db.selectFrom("content_items").select("status").where("id", "=", itemId).executeTakeFirstOrThrow()).status).not.toBe(
      "in_review",
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the dialog offers the least-used version first and lets the person pick another", async () => {
    const first = await as(FIRST);
    await first.page.goto(`${app.base}/feed/${itemId}?network=linkedin#share`);
    const text = first.page.getByLabel("Tu publicación");
    await expect.poll(() => text.inputValue()).toMatch(new RegExp(`^${MAIN}`));
    await first.page.getByRole("button", { name: "Copiar texto" }).click();
    await expect.poll(uses).toEqual([[1, 1]]);
    expect(first.errors).toEqual([]);
    await first.context.close();

    const second = await as(SECOND);
    await second.page.goto(`${app.base}/feed/${itemId}?network=linkedin#share`);
    const secondText = second.page.getByLabel("Tu publicación");
    await expect.poll(() => secondText.inputValue()).toMatch(new RegExp(`^${OTHER}`));
    const options = second.page.getByTestId("variant-options").locator("li");
    expect(await options.evaluateAll((items) => items.map((li) => li.getAttribute("data-variant")))).toEqual(["2", "1"]);
    expect(await options.first().textContent()).toContain("la menos usada");
    expect(await axeViolations(second.page)).toEqual([]);
    await second.page.getByRole("link", { name: "Versión 1", exact: true }).click();
    await expect.poll(() => secondText.inputValue()).toMatch(new RegExp(`^${MAIN}`));
    expect(second.errors).toEqual([]);
    await second.context.close();
  });

  it("works without JavaScript: the copy counts for the version shown", async () => {
    const { context, page } = await as(THIRD, false);
    await page.goto(`${app.base}/feed/${itemId}?network=linkedin#share`);
    expect(await page.getByLabel("Tu publicación").inputValue()).toMatch(new RegExp(`^${OTHER}`));
    await page.getByRole("button", { name: "Copiar texto" }).click();
    await page.waitForLoadState();
    await expect.poll(uses).toEqual([
      [1, 1],
      [2, 1],
    ]);
    await context.close();
  });
});

describe("campaign budgets on analytics in Chromium", () => {
  it("lists the running campaign with its budget, no cost per lead yet and its goals", async () => {
    const { context, page, errors } = await as(EDITOR);
    await page.goto(`${app.base}/analytics`);
    const row = page.getByTestId("campaign-results").locator('tr[data-campaign="sabados"]');
    await expect.poll(() => row.locator('td[data-column="costPerLead"]').textContent()).toBe("—");
    expect((await row.locator('td[data-column="budget"]').textContent())?.replace(/\s/gu, " ")).toBe("1200,00 €");
    expect(await row.locator("li[data-goal]").evaluateAll((items) => items.map((li) => li.getAttribute("data-goal")))).toEqual([
      "shares",
      "conversions",
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
