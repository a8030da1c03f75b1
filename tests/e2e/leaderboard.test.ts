// End to end in Chromium against the built app: an employee opens the leaderboard, sees ranked rows
// with ties and movement, their own row, the chart of their last weeks (an SVG drawn on the server),
// switches the board with the form and hides their name. Needs `npx remix build` first and
// /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDepartment } from "~/models/people/departments.server";
import { previousPeriod } from "~/models/core/periods";
import { awardPoints } from "~/models/scoring/points.server";
import { insertUser } from "~/models/people/users.server";
import type { DB } from "~/utils/db.server";
import { startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e leaderboard password";
const EMPLOYEE = "lucas.e2e@example.com";

let app: E2eApp;

let reference = 0;
async function award(db: DB, userId: string, points: number, at: number, share = false) {
  reference += 1;
  await db.transaction().execute((trx) =>
    awardPoints(trx, {
      userId,
      action: share ? "share" : "idea_accepted",
      referenceType: "e2e",
      referenceId: `e2e-${reference}`,
      at,
      points,
      counters: share ? { shares: 1 } : {},
    }),
  );
}

async function arrange(db: DB) {
  const department = await createDepartment(db, "Ventas");
  const departmentId = department.ok ? department.id : null;
  const person = (email: string, name: string) =>
    insertUser(db, {
      email,
      name,
      departmentId,
      roles: ["employee"],
      status: "active",
      password: email === EMPLOYEE ? PASSWORD : undefined,
      locale: "es",
    });
  const me = await person(EMPLOYEE, "Lucas Empleado");
  const ana = await person("ana.e2e@example.com", "Ana Primera");
  const berta = await person("berta.e2e@example.com", "Berta Empatada");
  const carlos = await person("carlos.e2e@example.com", "Carlos Empatado");
  const now = Date.now();
  const lastWeek = previousPeriod("week", now, "Europe/Madrid").start + 60_000;
  await award(db, ana, 50, now - 1000, true);
  await award(db, berta, 30, now - 1000);
  await award(db, carlos, 30, now - 1000);
  await award(db, me, 10, now - 1000, true);
  await award(db, me, 40, lastWeek); // first last week: this week I move down
  await award(db, ana, 5, lastWeek);
}

beforeAll(async () => {
  app = await startE2eApp("leaderboard", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("leaderboard in Chromium", () => {
  it("shows ranked rows with ties, movement, my row and a chart; the form switches the board; I can hide my name", async () => {
    const base = app.base;
    const { context, page, errors: pageErrors, consoleErrors } = await app.newPage({ locale: "es-ES" });

    await page.goto(`${base}/login`);
    await page.getByLabel("Correo electrónico").fill(EMPLOYEE);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole("button", { name: "Entrar", exact: true }).click()]);

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Clasificación" }).click();
    await page.waitForURL(`${base}/leaderboard`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Clasificación");

    const rows = page.locator("table.leaderboard tbody tr");
    await expect.poll(() => rows.count()).toBe(4);
    // innerText: what the page shows (the phone-only department line under the name is hidden at this width).
    const cells = async (i: number) => (await rows.nth(i).locator("td, th").allInnerTexts()).map((c) => c.trim());
    expect(await cells(0)).toEqual(["1", "Ana Primera", "Ventas", "50", "▲ sube 1 puesto"]);
    const tied = [(await cells(1))[1], (await cells(2))[1]].sort();
    expect(tied).toEqual(["Berta Empatada", "Carlos Empatado"]);
    expect((await cells(1))[0]).toBe("2");
    expect((await cells(2))[0]).toBe("2");
    expect(await cells(3)).toEqual(["4", "Lucas Empleado (tú)", "Ventas", "10", "▼ baja 3 puestos"]);
    expect(await rows.nth(3).getAttribute("aria-current")).toBe("true");
    expect(await page.getByText("Estás en el puesto 4 con 10 puntos.").isVisible()).toBe(true);

    // The chart of my last weeks: an SVG drawn on the server with a bar per week and their values as text.
    const chart = page.locator('figure.chart svg[role="img"]');
    await expect.poll(() => chart.count()).toBe(1);
    expect(await page.locator("figure.chart .chart-bar").count()).toBeGreaterThan(0);
    expect(await page.locator("figure.chart .chart-values").allTextContents()).toEqual([expect.stringMatching(/40.*10$/)]);

    // Switching the measure through the form.
    await page.getByLabel("Ordenar por").selectOption("shares");
    await Promise.all([page.waitForURL(/metric=shares/), page.getByRole("button", { name: "Mostrar" }).click()]);
    await expect.poll(() => rows.count()).toBe(2);
    // a tie: both first, in no particular order
    const shareRows = [(await cells(0)).slice(0, 4), (await cells(1)).slice(0, 4)].sort((x, y) => x[1].localeCompare(y[1]));
    expect(shareRows).toEqual([
      ["1", "Ana Primera", "Ventas", "1"],
      ["1", "Lucas Empleado (tú)", "Ventas", "1"],
    ]);

    // Hiding my name.
    await page.getByLabel("Ocultar mi nombre en las clasificaciones").check();
    await page.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => page.getByText("Tu nombre ya no aparece en las clasificaciones.").isVisible()).toBe(true);
    expect(page.url()).toContain("metric=shares");
    expect(await page.getByLabel("Ocultar mi nombre en las clasificaciones").isChecked()).toBe(true);
    const stored = await app.db.selectFrom("users").select("leaderboard_opt_out").where("email", "=", EMPLOYEE).executeTakeFirstOrThrow();
    expect(stored.leaderboard_opt_out).toBe(1);

    expect([...pageErrors, ...consoleErrors]).toEqual([]);
    await context.close();
  });
});
