// End to end in Chromium: an employee on a phone-sized screen reports a customer complaint from the shell's
// button, customer care claims it from the queue and answers with a link to the public reply, and the
// employee sees care's answer (and an in-app notification). Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncLibrary } from "~/models/library-sync.server";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e conversations password";
const EMPLOYEE = "emma.conversations@example.com";
const CARE = "carla.conversations@example.com";
const POST = "https://x.com/cliente_enfadado/status/1861234567890";
const ANSWER = "https://x.com/empresa/status/1861234567999";

let app: E2eApp;

async function arrange(db: DB) {
  await insertUser(db, {
    email: EMPLOYEE,
    name: "Emma Empleada",
    departmentId: null,
    roles: ["employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  await insertUser(db, {
    email: CARE,
    name: "Carla Atención",
    departmentId: null,
    roles: ["care", "employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  const synced = await syncLibrary(db);
  if (!synced.ok) throw new Error(synced.lines.join("\n"));
}

beforeAll(async () => {
  app = await startE2eApp("conversations", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("customer conversations in Chromium", () => {
  it("an employee reports a complaint from a phone, care claims and answers it, the employee sees the answer", async () => {
    const employee = await app.newPage();
    await employee.page.setViewportSize({ width: 390, height: 844 });
    await logIn(employee.page, app.base, EMPLOYEE, PASSWORD);
    await employee.page.getByTestId("report-conversation").click();
    await employee.page.waitForURL(`${app.base}/conversations/new`);
    await expect.poll(() => employee.page.getByTestId("public-only").isVisible()).toBe(true);
    // The guideline's rules for answering in public sit beside (below, on a phone) the form.
    await expect.poll(() => employee.page.getByText("Responde rápido y pasa el caso a atención al cliente").isVisible()).toBe(true);

    // A javascript: link is refused in the field before anything is sent.
    await employee.page.getByLabel("Enlace público a la publicación o el hilo").fill("javascript:alert(1)");
    await employee.page.getByLabel("¿Qué tipo de conversación es?").selectOption("complaint");
    await employee.page.getByRole("button", { name: "Enviar a atención al cliente" }).click();
    await expect
      .poll(() => employee.page.getByText("Escribe una dirección web pública que empiece por http:// o https://.").isVisible())
      .toBe(true);

    await employee.page.getByLabel("Enlace público a la publicación o el hilo").fill(POST);
    await employee.page.getByLabel(/Nota breve para atención al cliente/).fill("Lleva dos días sin servicio y está muy enfadado.");
    await employee.page.getByLabel(/Usuario público del cliente/).fill("@cliente_enfadado");
    await Promise.all([
      employee.page.waitForURL(`${app.base}/conversations`),
      employee.page.getByRole("button", { name: "Enviar a atención al cliente" }).click(),
    ]);
    await expect.poll(() => employee.page.getByTestId("my-report").count()).toBe(1);
    // Nothing on the phone page is wider than the screen.
    expect(await employee.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const care = await app.newPage();
    await logIn(care.page, app.base, CARE, PASSWORD);
    await care.page.goto(`${app.base}/care`);
    const entry = care.page.getByTestId("queue-report").filter({ hasText: POST });
    await expect.poll(() => entry.getByTestId("sla-clock").isVisible()).toBe(true);
    await Promise.all([care.page.waitForURL(/\/care\/[^/]+$/), entry.getByRole("button", { name: "Asignármela" }).click()]);
    await care.page.getByLabel("Nota de respuesta").fill("Le hemos escrito por mensaje privado; el técnico va hoy.");
    await care.page.getByLabel("Enlace a la respuesta pública").fill(ANSWER);
    await care.page.getByRole("button", { name: "Guardar respuesta" }).click();
    await expect.poll(() => care.page.getByText("Primera respuesta dada").isVisible()).toBe(true);

    await employee.page.reload();
    const answer = employee.page.getByTestId("care-answer");
    await expect.poll(() => answer.isVisible()).toBe(true);
    expect(await answer.textContent()).toContain("Le hemos escrito por mensaje privado");
    expect(await answer.getByRole("link", { name: "Ver la respuesta pública" }).getAttribute("href")).toBe(ANSWER);
    const notified = await app.db
      .selectFrom("notifications")
      .innerJoin("users", "users.id", "notifications.user_id")
      .select("notifications.kind")
      .where("users.email", "=", EMPLOYEE)
      .execute();
    expect(notified).toEqual([{ kind: "report_answered" }]);
    expect([...employee.errors, ...care.errors]).toEqual([]);
  });
});
