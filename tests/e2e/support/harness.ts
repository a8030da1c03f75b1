// Shared end-to-end harness: a fresh SQLite database, the built app started as in production on a free
// port, and Debian's Chromium driven by playwright-core. Needs `remix build` first (npm test does it).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createDatabase, migrateToLatest, type DB } from "~/utils/db.server";

export const root = path.resolve(import.meta.dirname, "../../..");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface NewPageOptions {
  locale?: string;
  javaScriptEnabled?: boolean;
  timezoneId?: string;
}

export interface E2eApp {
  base: string;
  /** The app's own database, for arranging data and checking what was stored. */
  db: DB;
  browser: Browser;
  /**
   * A new browser context (its own cookies) and page; uncaught page errors are collected in `errors`,
   * console errors (React's hydration warnings among them) in `consoleErrors`. `timezoneId` lets a test
   * give the browser another time zone than the server's, which shows up dates rendered differently.
   */
  newPage(options?: NewPageOptions): Promise<{ context: BrowserContext; page: Page; errors: string[]; consoleErrors: string[] }>;
  serverLog(): string;
  stop(): Promise<void>;
}

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

async function waitFor(url: string, log: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app did not start:\n${log()}`);
}

/**
 * Starts the built app on a new database. `arrange` runs on the migrated database before the server
 * starts (the server migrates again, which is a no-op).
 */
export async function startE2eApp(
  name: string,
  arrange?: (db: DB) => Promise<void>,
  /** Extra environment for the server; a function receives the chosen port (e.g. for an APP_ORIGIN on another host name). */
  env: Record<string, string> | ((server: { port: number }) => Record<string, string>) = {},
): Promise<E2eApp> {
  if (!fs.existsSync(path.join(root, "build/index.js"))) throw new Error("run `npx remix build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `altavoz-e2e-${name}-`));
  const file = path.join(dir, "e2e.sqlite");
  const db = createDatabase(file);
  await migrateToLatest(db);
  if (arrange) await arrange(db);

  const port = await freePort();
  const base = `http://localhost:${port}`;
  let log = "";
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: file,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: `e2e-${name}-secret-0123456789`,
      APP_ORIGIN: base,
      SMTP_URL: "",
      ...(typeof env === "function" ? env({ port }) : env),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.on("data", (chunk) => (log += String(chunk)));
  server.stderr?.on("data", (chunk) => (log += String(chunk)));
  await waitFor(`${base}/healthz`, () => log);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });

  return {
    base,
    db,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        locale: options.locale ?? "es-ES",
        javaScriptEnabled: options.javaScriptEnabled ?? true,
        ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      });
      const page = await context.newPage();
      const errors: string[] = [];
      const consoleErrors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      return { context, page, errors, consoleErrors };
    },
    serverLog: () => log,
    async stop() {
      await browser.close().catch(() => undefined);
      if (server.pid && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        try {
          process.kill(-server.pid, "SIGTERM");
        } catch {
          // already gone
        }
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      }
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form (Spanish or English labels) and waits to leave /login. */
export async function logIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(/Correo electrónico|Email/).fill(email);
  await page.getByLabel(/^(Contraseña|Password)$/).fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.locator("main button[type=submit]").click()]);
  // The address changes a moment before the next page renders.
  await page.getByLabel(/^(Contraseña|Password)$/).waitFor({ state: "detached" });
}

/** Signs out with the header's button and waits for the login page. */
export async function logOut(page: Page, base: string): Promise<void> {
  await Promise.all([page.waitForURL(`${base}/login`), page.getByRole("button", { name: /^(Cerrar sesión|Sign out|Log out)$/ }).click()]);
  // The address changes a moment before the login page renders.
  await page.getByLabel(/^(Correo electrónico|Email)$/).waitFor();
}

/**
 * The demo organisation as `npm run demo` prepares it (people in every role, the demo library,
 * content/ synced, acknowledgements and activity), for tests that walk the app as each demo login.
 */
export async function arrangeDemo(db: DB): Promise<void> {
  const { seedDemoOrganisation } = await import("~/cli/demo/organisation");
  const { seedDemoContent } = await import("~/cli/demo/content");
  const { syncLibrary } = await import("~/models/library-sync.server");
  const { seedDemoAcknowledgements } = await import("~/cli/demo/guidelines");
  const { seedDemoActivity } = await import("~/cli/demo/activity");
  const { certifyDemoStaff, seedDemoTraining } = await import("~/cli/demo/workshops");
  await seedDemoOrganisation(db);
  await seedDemoContent(db);
  const synced = await syncLibrary(db);
  if (!synced.ok) throw new Error(`content/ did not sync:\n${synced.lines.join("\n")}`);
  await seedDemoAcknowledgements(db);
  await seedDemoTraining(db);
  await certifyDemoStaff(db);
  await seedDemoActivity(db);
}
