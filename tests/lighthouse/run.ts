/**
 * npm run lighthouse: Lighthouse (mobile preset: a mid-range phone, slow 4G and 4× CPU slowdown,
 * simulated) on /feed and /leaderboard, signed in as the demo employee. Builds nothing itself (the npm
 * script builds first); prepares the demo organisation in a temporary SQLite file, starts the built
 * server on a free port as in production, signs in over HTTP and hands the session cookie to Lighthouse,
 * which drives Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through chrome-launcher.
 * Each page is measured LIGHTHOUSE_RUNS times (3 unless set); printed: every run's performance and
 * accessibility scores, and the median run's metrics and failed audits (a busy machine moves single runs a lot).
 * Not part of npm test: it takes a few minutes.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { DEMO_PASSWORD } from "~/cli/demo/organisation";

const root = path.resolve(import.meta.dirname, "../..");
const PAGES = ["/feed", "/leaderboard"];
const EMPLOYEE = "employee@demo.altavoz.test";
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"];
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"];

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

async function waitUntilUp(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

/** Signs in through the login form's action and returns the session cookie. */
async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: EMPLOYEE, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  if (response.status !== 302 || cookies.length === 0) throw new Error(`signing in answered ${response.status}`);
  return cookies.join("; ");
}

interface Audit {
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
}

interface Result {
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string }[] }>;
  audits: Record<string, Audit>;
}

const scoreOf = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);

function report(url: string, runs: Result[]) {
  const sorted = [...runs].sort((a, b) => scoreOf(a, "performance") - scoreOf(b, "performance"));
  const lhr = sorted[Math.floor(sorted.length / 2)];
  const list = (category: string) => runs.map((run) => scoreOf(run, category)).join(", ");
  console.log(
    `\n${url}: performance ${scoreOf(lhr, "performance")}, accessibility ${scoreOf(lhr, "accessibility")} (median of ${runs.length})`,
  );
  console.log(`  runs: performance ${list("performance")}; accessibility ${list("accessibility")}`);
  console.log(`  ${METRICS.map((id) => `${lhr.audits[id].title} ${lhr.audits[id].displayValue ?? "-"}`).join(" · ")}`);
  for (const category of ["performance", "accessibility"]) {
    const failed = lhr.categories[category].auditRefs
      .map((ref) => ({ id: ref.id, audit: lhr.audits[ref.id] }))
      .filter(
        ({ audit }) =>
          audit && audit.score !== null && audit.score < 0.9 && ["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode),
      );
    for (const { id, audit } of failed)
      console.log(`  ${category} · ${id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, "build/index.js"))) throw new Error("Build the app first: npx remix build");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-lighthouse-"));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: path.join(dir, "altavoz.sqlite"),
    SESSION_SECRET: randomBytes(32).toString("hex"),
    APP_ORIGIN: base,
    PORT: String(port),
    HOST: "127.0.0.1",
  };
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "app/cli/demo.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (seeded.status !== 0) throw new Error("preparing the demo organisation failed");
  const server = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await waitUntilUp(`${base}/healthz`, server);
    const cookie = await signIn(base);
    chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", chromeFlags: CHROME_FLAGS });
    for (const page of PAGES) {
      const runs: Result[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(`${base}${page}`, {
          port: chrome.port,
          logLevel: "error",
          output: "json",
          onlyCategories: ["performance", "accessibility"],
          extraHeaders: { Cookie: cookie },
        });
        if (!result) throw new Error(`Lighthouse gave no result for ${page}`);
        const lhr = result.lhr as unknown as Result;
        // A run Lighthouse could not finish (a timeout on a busy machine) scores 0: say so instead of counting it.
        if (lhr.runtimeError) console.log(`${page}: run ${run + 1} failed (${lhr.runtimeError.code}), not counted`);
        else runs.push(lhr);
      }
      if (runs.length > 0) report(page, runs);
    }
  } finally {
    await chrome?.kill();
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
