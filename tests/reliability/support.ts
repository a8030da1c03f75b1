// The reliability suite's real servers: the built app (app/server.ts, as in production) on a free port,
// started on a database the test chose, and stopped by SIGTERM or killed by SIGKILL.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort, waitForUrl } from "../bench/support";

const root = path.resolve(import.meta.dirname, "../..");
/** One secret for every instance of a test, as several instances behind a load balancer share theirs. */
const SESSION_SECRET = randomBytes(24).toString("hex");

export interface AppInstance {
  base: string;
  log(): string;
  /** SIGKILL: no shutdown hook runs. */
  kill(): Promise<void>;
  /** SIGTERM: the app's own orderly shutdown. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts the built server on `databaseUrl` and waits for /healthz. */
export async function startInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<AppInstance> {
  if (!fs.existsSync(path.join(root, "build/index.js"))) throw new Error("run `npx remix build` first");
  const port = await freePort();
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SESSION_SECRET,
      APP_ORIGIN: process.env.APP_ORIGIN ?? "http://altavoz.test",
      SMTP_URL: "",
      DATABASE_URL: databaseUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (log += String(chunk)));
  child.stderr?.on("data", (chunk) => (log += String(chunk)));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForUrl(`${base}/healthz`);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${String(error)}\n${log}`);
  }
  const kill = async () => {
    child.kill("SIGKILL");
    await exited(child);
  };
  return {
    base,
    log: () => log,
    kill,
    async stop() {
      child.kill("SIGTERM");
      await Promise.race([exited(child), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) await kill();
    },
  };
}

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
