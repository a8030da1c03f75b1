// End to end in Chromium against the built app: an employee votes on a colleague's idea on the board,
// an editor plans it and says what will be done, and the employee is told and sees the new status.
// Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proposeIdea } from "~/models/content/ideas.server";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { logIn, logOut, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e idea board password";
const EMPLOYEE = "vera.e2e@example.com";
const EDITOR = "edu.e2e@example.com";

let app: E2eApp;
let ideaId = "";
let employeeId = "";

async function arrange(db: DB) {
  const person = (email: string, name: string, roles: ("employee" | "editor")[]) =>
    insertUser(db, { email, name, departmentId: null, roles, status: "active", password: PASSWORD, locale: "es" });
  employeeId = await person(EMPLOYEE, "Vera Votante", ["employee"]);
  await person(EDITOR, "Edu Editor", ["editor"]);
  const colleague = await person("colega.e2e@example.com", "Carla Colega", ["employee"]);
  ideaId = await proposeIdea(db, colleague, {
    kind: "post",
    url: null,
    text: "Una guía rápida para clientes nuevos",
    reason: null,
    topic: "customer",
  });
}

beforeAll(async () => {
  app = await startE2eApp("ideas", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("the idea board", () => {
  it("an employee votes on a colleague's idea and sees its status change", async () => {
    const { page, errors } = await app.newPage();
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/board`);
    const card = page.getByTestId("board-idea").filter({ hasText: "Una guía rápida para clientes nuevos" });
    await expect.poll(() => card.getByTestId("vote-count").textContent()).toBe("0 votos");
    await card.getByRole("button", { name: "Votar" }).click();
    await expect.poll(() => card.getByTestId("vote-count").textContent()).toBe("1 voto");
    expect(await card.getByRole("button", { name: "Retirar mi voto" }).count()).toBe(1);
    await logOut(page, app.base);

    await logIn(page, app.base, EDITOR, PASSWORD);
    await page.goto(`${app.base}/board/${ideaId}`);
    await page.getByLabel("Estado", { exact: true }).selectOption("planned");
    await page.getByLabel("Qué hicimos").fill("La preparamos con el equipo de soporte en enero.");
    await page.getByRole("button", { name: "Guardar estado" }).click();
    await expect.poll(() => page.getByTestId("idea-status").first().textContent()).toBe("Prevista");
    await logOut(page, app.base);

    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.goto(`${app.base}/feed`);
    expect((await page.getByTestId("bell-count").textContent())?.trim()).toBe("1");
    await page.getByTestId("bell").click();
    await page.waitForURL("**/notifications");
    await page.getByRole("button", { name: /Una idea que apoyaste está prevista/ }).click();
    await page.waitForURL(`**/board/${ideaId}`);
    expect(await page.getByTestId("idea-status").first().textContent()).toBe("Prevista");
    expect(await page.getByTestId("idea-outcome").textContent()).toContain("La preparamos con el equipo de soporte en enero.");
    const notified = await app.db.selectFrom("notifications").select("kind").where("user_id", "=", employeeId).execute();
    expect(notified.map((n) => n.kind)).toEqual(["idea_voted_planned"]);
    expect(errors).toEqual([]);
  });
});
