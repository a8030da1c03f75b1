// End to end in Chromium against the built app: an employee opens the leaderboard, sees ranked rows
// with ties and movement, their own row, the chart of their last weeks (an SVG drawn by recharts),
// switches the board with the form and hides their name. Needs `npx remix build` first and
// /usr/bin/chromium.
//
// Self-contained (its own database, server and browser) like tests/e2e/guidelines.test.ts, because the
// shared e2e harness in tests/e2e/support/ does not exist yet; move it onto the harness when it lands.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDepartment } from "~/models/department.server";
import { previousPeriod } from "~/models/periods";
import { awardPoints } from "~/models/points.server";
import { insertUser } from "~/models/user.server";
import { createDatabase, migrateToLatest, type DB } from "~/utils/db.server";

const root = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "e2e leaderboard password";
const EMPLOYEE = "lucas.e2e@example.com";

let dir: string;
let db: DB;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let base: string;
let serverLog = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not start:\n${serverLog}`);
}

let reference = 0;
async function award(userId: string, points: number, at: number, share = false) {
  reference += 1;
  await db.transaction().execute((trx) =>
    awardPoints(trx, { userId, action: share ? "share" : "idea_accepted", referenceType: "e2e", referenceId: `e2e-${reference}`, at, points, counters: share ? { shares: 1 } : {} }),
  );
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, "build/index.js"))) throw new Error("run `npx remix build` first");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-e2e-leaderboard-"));
  const file = path.join(dir, "e2e.sqlite");
  db = createDatabase(file);
  await migrateToLatest(db);
  const department = await createDepartment(db, "Ventas");
  const departmentId = department.ok ? department.id : null;
  const person = (email: string, name: string) => insertUser(db, { email, name, departmentId, roles: ["employee"], status: "active", password: email === EMPLOYEE ? PASSWORD : undefined, locale: "es" });
  const me = await person(EMPLOYEE, "Lucas Empleado");
  const ana = await person("ana.e2e@example.com", "Ana Primera");
  const berta = await person("berta.e2e@example.com", "Berta Empatada");
  const carlos = await person("carlos.e2e@example.com", "Carlos Empatado");
  const now = Date.now();
  const lastWeek = previousPeriod("week", now, "Europe/Madrid").start + 60_000;
  await award(ana, 50, now - 1000, true);
  await award(berta, 30, now - 1000);
  await award(carlos, 30, now - 1000);
  await award(me, 10, now - 1000, true);
  await award(me, 40, lastWeek); // first last week: this week I move down
  await award(ana, 5, lastWeek);

  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn("npx", ["tsx", "app/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: file, PORT: String(port), HOST: "127.0.0.1", SESSION_SECRET: "e2e-leaderboard-secret-0123456789", APP_ORIGIN: base },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.on("data", (chunk) => (serverLog += String(chunk)));
  server.stderr?.on("data", (chunk) => (serverLog += String(chunk)));
  await waitForServer(`${base}/healthz`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await db?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("leaderboard in Chromium", () => {
  it("shows ranked rows with ties, movement, my row and a chart; the form switches the board; I can hide my name", async () => {
    const context = await browser!.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(String(error)));
    page.on("console", (message) => void (message.type() === "error" && problems.push(message.text())));

    await page.goto(`${base}/login`);
    await page.getByLabel("Correo electrónico").fill(EMPLOYEE);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole("button", { name: "Entrar", exact: true }).click()]);

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Clasificación" }).click();
    await page.waitForURL(`${base}/leaderboard`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Clasificación");

    const rows = page.locator("table.leaderboard tbody tr");
    await expect.poll(() => rows.count()).toBe(4);
    const cells = async (i: number) => (await rows.nth(i).locator("td, th").allTextContents()).map((c) => c.trim());
    expect(await cells(0)).toEqual(["1", "Ana Primera", "Ventas", "50", "▲ sube 1 puesto"]);
    const tied = [(await cells(1))[1], (await cells(2))[1]].sort();
    expect(tied).toEqual(["Berta Empatada", "Carlos Empatado"]);
    expect((await cells(1))[0]).toBe("2");
    expect((await cells(2))[0]).toBe("2");
    expect(await cells(3)).toEqual(["4", "Lucas Empleado (tú)", "Ventas", "10", "▼ baja 3 puestos"]);
    expect(await rows.nth(3).getAttribute("aria-current")).toBe("true");
    expect(await page.getByText("Estás en el puesto 4 con 10 puntos.").isVisible()).toBe(true);

    // The chart of my last weeks: an SVG drawn by recharts with a bar per week and their values as text.
    const chart = page.locator("figure.chart svg.recharts-surface");
    await expect.poll(() => chart.count()).toBe(1);
    expect(await page.locator("figure.chart .recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await page.locator("figure.chart .recharts-label-list").allTextContents()).toEqual([expect.stringMatching(/40.*10$/)]);

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
    const stored = await db.selectFrom("users").select("leaderboard_opt_out").where("email", "=", EMPLOYEE).executeTakeFirstOrThrow();
    expect(stored.leaderboard_opt_out).toBe(1);

    expect(problems).toEqual([]);
    await context.close();
  });
});
