import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import autocannon from "autocannon";

export const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

/** The headers every real browser sends on a top-level navigation (the redirect counts others as bots). */
export const BROWSER_HEADERS = {
  "User-Agent": BROWSER_UA,
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "Accept-Language": "es-ES,es;q=0.9,en;q=0.8",
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function waitForUrl(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Node with tsx's loader, started directly (not through npx), so SIGTERM reaches the server itself. */
export function startProcess(args: string[], env: Record<string, string>, cwd?: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (d) => process.env.BENCH_VERBOSE && process.stderr.write(d));
  child.stdout?.on("data", (d) => process.env.BENCH_VERBOSE && process.stdout.write(d));
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

export interface LoadResult {
  /** Responses received. */
  requests: number;
  /** Requests sent (some may still have been in flight when the run stopped). */
  sent: number;
  rps: number;
  p50: number;
  p99: number;
  non3xx: number;
}

export async function load(
  url: string,
  { connections = 50, duration = 10 }: { connections?: number; duration?: number } = {},
): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration, headers: BROWSER_HEADERS });
  return {
    requests: result.requests.total,
    sent: result.requests.sent,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non3xx: result.non2xx - (result["3xx"] ?? 0) + result.errors + result.timeouts,
  };
}

export function removeDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
