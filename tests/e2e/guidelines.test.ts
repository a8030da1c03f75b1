// End to end in Chromium against the built app: an employee sees the "read and accept" banner, reads the
// decálogo, acknowledges it, and the banner is gone. Needs `npx remix build` first and /usr/bin/chromium.
//
// Self-contained (its own database, server and browser) because the shared e2e harness in
// tests/e2e/support/ did not exist yet when this was written; move it onto the harness when it lands.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDepartment } from "~/models/department.server";
import { createDocument, insertVersion } from "~/models/guideline.server";
import type { GuidelineText } from "~/models/guideline-schema";
import { insertUser } from "~/models/user.server";
import { createDatabase, migrateToLatest, type DB } from "~/utils/db.server";

const root = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "e2e guideline password";
const EMPLOYEE = "emilia.e2e@example.com";

const decalogue: GuidelineText = {
  title: "Decálogo de redes sociales",
  introduction: "Estas pautas te protegen a ti y a la marca.",
  rules: [
    { title: "Di que trabajas aquí", body: "Deja claro que trabajas en la empresa cuando hables de ella.", do: ["Indicarlo en tu biografía"], dont: ["Publicar reseñas como cliente"] },
    { title: "Lo confidencial se queda dentro", body: "No publiques **información confidencial**.", do: ["Compartir lo ya publicado"], dont: ["Adelantar resultados"] },
    { title: "Las quejas, a atención al cliente", body: "Pasa las quejas al equipo de atención al cliente.", do: ["Avisar al equipo"], dont: ["Prometer compensaciones"] },
  ],
};

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

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, "build/index.js"))) throw new Error("run `npx remix build` first");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-e2e-guidelines-"));
  const file = path.join(dir, "e2e.sqlite");
  db = createDatabase(file);
  await migrateToLatest(db);
  const department = await createDepartment(db, "Atención al cliente");
  await insertUser(db, {
    email: EMPLOYEE,
    name: "Emilia Empleada",
    departmentId: department.ok ? department.id : null,
    roles: ["employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  const document = await createDocument(db, { slug: "social-media-decalogue", required: true, actorId: null });
  if (!document.ok) throw new Error("could not create the guideline");
  await db.transaction().execute((trx) =>
    insertVersion(trx, { documentId: document.id, texts: { es: decalogue }, status: "published", source: "sync", actorId: null, now: Date.now() }),
  );

  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn("npx", ["tsx", "app/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: file, PORT: String(port), HOST: "127.0.0.1", SESSION_SECRET: "e2e-guidelines-secret-0123456789", APP_ORIGIN: base },
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

describe("guidelines in Chromium", () => {
  it("an employee follows the banner, reads the decálogo, acknowledges it and the banner disappears", async () => {
    const context = await browser!.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(String(error)));

    await page.goto(`${base}/login`);
    await page.getByLabel("Correo electrónico").fill(EMPLOYEE);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole("button", { name: "Entrar", exact: true }).click()]);

    const banner = page.getByTestId("onboarding-gate");
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain("Decálogo de redes sociales (versión 1)");

    await Promise.all([page.waitForURL(`${base}/guidelines/social-media-decalogue`), banner.getByRole("link", { name: "Leer y aceptar ahora" }).click()]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Decálogo de redes sociales");
    expect(await page.getByRole("heading", { name: /Las quejas, a atención al cliente/ }).isVisible()).toBe(true);
    expect(await page.locator(".guideline-rule strong").first().textContent()).toBe("información confidencial");

    // Without ticking the box the browser-side check stops the form.
    await page.getByRole("button", { name: "Aceptar", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Marca la casilla" }).isVisible()).toBe(true);

    await page.getByLabel(/He leído y acepto «Decálogo de redes sociales» \(versión 1\)/).check();
    await page.getByRole("button", { name: "Aceptar", exact: true }).click();
    await expect.poll(() => page.getByText(/Aceptaste esta versión el/).isVisible()).toBe(true);
    expect(await page.getByRole("status").first().textContent()).toContain("Has aceptado todas las pautas obligatorias");

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Inicio", exact: true }).click();
    await page.waitForURL(`${base}/`);
    await expect.poll(() => page.getByRole("heading", { name: /Hola, Emilia Empleada/ }).isVisible()).toBe(true);
    expect(await page.getByTestId("onboarding-gate").count()).toBe(0);

    const stored = await db.selectFrom("guideline_acknowledgements").innerJoin("guideline_version_texts", "guideline_version_texts.version_id", "guideline_acknowledgements.version_id").select(["guideline_acknowledgements.language", "guideline_acknowledgements.text_hash", "guideline_version_texts.text_hash as expected"]).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].language).toBe("es");
    expect(stored[0].text_hash).toBe(stored[0].expected);
    expect(problems).toEqual([]);
    await context.close();
  });
});
