// End to end in Chromium against the built app: an editor writes an item (the form refuses bad input
// first), targets a department and sends it to legal review; the same person, although a reviewer too,
// cannot approve it (no button, and a forged post is refused); another reviewer approves it from the
// queue; it appears in the feed of an employee of that department in its language, and not in another
// department's feed nor, unless asked for, in the feed of someone reading in English.
// Needs `npx remix build` first and /usr/bin/chromium.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDepartment } from "~/models/people/departments.server";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { fieldError } from "./support/forms";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e content password";
const EDITOR = "elena.content@example.com"; // editor and reviewer
const REVIEWER = "rita.content@example.com";
const SALES = "sara.content@example.com";
const SALES_EN = "emma.content@example.com";
const LEGAL = "luis.content@example.com";
const TITLE = "Fibra para 20 000 hogares más en Valencia";

let app: E2eApp;
let itemId = "";

async function arrange(db: DB) {
  const ventas = await createDepartment(db, "Ventas");
  const legal = await createDepartment(db, "Legal");
  if (!ventas.ok || !legal.ok) throw new Error("departments");
  const person = (
    email: string,
    name: string,
    roles: ("employee" | "editor" | "reviewer")[],
    departmentId: string | null,
    locale: "es" | "en" = "es",
  ) => insertUser(db, { email, name, departmentId, roles, status: "active", password: PASSWORD, locale });
  await person(EDITOR, "Elena Editora", ["editor", "reviewer", "employee"], null);
  await person(REVIEWER, "Rita Revisora", ["reviewer", "employee"], legal.id);
  await person(SALES, "Sara Ventas", ["employee"], ventas.id);
  await person(SALES_EN, "Emma Sales", ["employee"], ventas.id, "en");
  await person(LEGAL, "Luis Legal", ["employee"], legal.id);
}

beforeAll(async () => {
  app = await startE2eApp("content", arrange);
});

afterAll(async () => {
  await app?.stop();
});

async function as(email: string) {
  const session = await app.newPage();
  await logIn(session.page, app.base, email, PASSWORD);
  return session;
}

const feedTitles = (page: Page) => page.locator(".feed-item h2").allTextContents();

describe("content workflow in Chromium", () => {
  it("an editor writes an item and sends it to review; the form refuses bad input first", async () => {
    const { context, page, errors } = await as(EDITOR);
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Contenidos" }).click();
    await page.waitForURL(`${app.base}/manage/content`);
    await page.goto(`${app.base}/manage/content/new`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Nuevo contenido");
    // The editor's language is chosen in the server-rendered form.
    const form = page.locator("main");
    expect(await form.getByLabel("Idioma", { exact: true }).inputValue()).toBe("es");

    await page.getByLabel("Enlace de destino").fill("ftp://no-es-web");
    await page.getByLabel("X", { exact: true }).fill(`${"Una frase demasiado larga para X. ".repeat(9)}`);
    await page.getByRole("button", { name: "Guardar y enviar a revisión" }).click();
    await expect
      .poll(() => fieldError(page, "Enlace de destino"))
      .toBe("Escribe una dirección web completa que empiece por https:// o http://.");
    expect(await fieldError(page, "X", { exact: true })).toBe("Demasiado largo para esta red (el contador indica cuánto sobra).");
    expect(await app.db.selectFrom("content_items").select("id").execute()).toEqual([]);

    await page.getByLabel("Título").fill(TITLE);
    await page.getByLabel("Comentario").fill("Llegamos a **20 000 hogares** más este trimestre.");
    await page.getByLabel("Enlace de destino").fill("https://news.example.com/fibra-valencia");
    await page.getByLabel("Temas").fill("fibra, valencia");
    await page.getByLabel("Hashtags").fill("#Fibra");
    await page.getByRole("checkbox", { name: "Ventas" }).check();
    await page.getByLabel("LinkedIn", { exact: true }).fill("Más fibra para Valencia: 20 000 hogares más.");
    await page.getByLabel("X", { exact: true }).fill("Más fibra para Valencia");
    await Promise.all([
      page.waitForURL(/\/manage\/content\/[^/]+$/),
      page.getByRole("button", { name: "Guardar y enviar a revisión" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Enviado a revisión legal.");
    itemId = new URL(page.url()).pathname.split("/").pop()!;
    const stored = await app.db
      .selectFrom("content_items")
      .select(["title", "status", "language"])
      .where("id", "=", itemId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: TITLE, status: "in_review", language: "es" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the author, although a reviewer, cannot approve their own item", async () => {
    const { context, page, errors } = await as(EDITOR);
    await page.goto(`${app.base}/review/${itemId}`);
    await expect
      .poll(() => page.getByRole("note").textContent())
      .toBe("Escribiste, editaste o propusiste este contenido, así que debe decidir otra persona revisora.");
    expect(await page.getByRole("button", { name: "Aprobar" }).count()).toBe(0);
    // A forged post with this person's session is refused by the server too.
    // (asked for as Remix data, to read the action's answer rather than the page around it)
    const forged = await context.request.post(`${app.base}/review/${itemId}?_data=${encodeURIComponent("routes/review.$id")}`, {
      form: { intent: "approve", comment: "" },
      headers: { Origin: app.base },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(400);
    expect(await forged.json()).toMatchObject({ ok: false, errors: { "": "content.errors.selfApproval" } });
    const item = await app.db.selectFrom("content_items").select("status").where("id", "=", itemId).executeTakeFirstOrThrow();
    expect(item.status).toBe("in_review");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("another reviewer approves it from the queue; the steps are recorded", async () => {
    const { context, page, errors } = await as(REVIEWER);
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Revisión" }).click();
    await page.waitForURL(`${app.base}/review`);
    await page.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(`${app.base}/review/${itemId}`);
    await Promise.all([page.waitForURL(`${app.base}/review`), page.getByRole("button", { name: "Aprobar" }).click()]);
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Aprobado. Aparecerá en el listado a su hora de publicación.");
    await expect.poll(() => page.getByText("No hay nada pendiente de revisión.").isVisible()).toBe(true);
    const history = await app.db
      .selectFrom("content_transitions")
      .innerJoin("users", "users.id", "content_transitions.actor_id")
      .select(["content_transitions.from_status", "content_transitions.to_status", "users.email"])
      .where("content_transitions.item_id", "=", itemId)
      .orderBy("content_transitions.seq")
      .execute();
    expect(history.filter((h) => h.from_status !== null)).toEqual([
      { from_status: "draft", to_status: "in_review", email: EDITOR },
      { from_status: "in_review", to_status: "approved", email: REVIEWER },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the item appears in the feed of the targeted department, in its language", async () => {
    const sales = await as(SALES);
    await sales.page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Para compartir" }).click();
    await sales.page.waitForURL(`${app.base}/feed`);
    await expect.poll(() => feedTitles(sales.page)).toEqual([TITLE]);
    expect(await sales.page.locator(".feed-item .commentary strong").textContent()).toBe("20 000 hogares");
    await sales.page.getByLabel("Buscar").fill("valéncia");
    await Promise.all([sales.page.waitForURL(/q=/), sales.page.getByRole("button", { name: "Aplicar" }).click()]);
    await expect.poll(() => feedTitles(sales.page)).toEqual([TITLE]);
    expect(sales.errors).toEqual([]);
    await sales.context.close();

    // Another department does not see it.
    const legal = await as(LEGAL);
    await legal.page.goto(`${app.base}/feed`);
    expect(await feedTitles(legal.page)).toEqual([]);
    expect(await legal.page.getByText("Ahora mismo no hay nada para compartir.", { exact: false }).isVisible()).toBe(true);
    await legal.context.close();

    // Someone in the department who reads in English sees it only when asking for both languages.
    const english = await as(SALES_EN);
    await english.page.goto(`${app.base}/feed`);
    expect(await feedTitles(english.page)).toEqual([]);
    await english.page.locator("main").getByLabel("Language", { exact: true }).selectOption("all");
    await Promise.all([english.page.waitForURL(/lang=all/), english.page.getByRole("button", { name: "Apply" }).click()]);
    await expect.poll(() => feedTitles(english.page)).toEqual([TITLE]);
    expect(english.errors).toEqual([]);
    await english.context.close();
  });
});
