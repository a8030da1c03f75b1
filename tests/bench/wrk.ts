/**
 * wrk (a C client that does not saturate before the server does) and server CPU read from /proc:
 * the figures the redirect is judged by, since autocannon's own JavaScript client shares the cores.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { promisify } from "node:util";
import { BROWSER_HEADERS } from "./support";

const run = promisify(execFile);

export interface WrkResult {
  requests: number;
  rps: number;
  /** Answers other than 2xx/3xx, and socket errors. */
  errors: number;
  /** Server CPU (user + system) per request, in microseconds. */
  cpuPerRequestUs: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux
const TICK_US = 1_000_000 / CLOCK_TICKS;

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicks(pid: number, file = `/proc/${pid}/stat`): number {
  const stat = fs.readFileSync(file, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** The same for the process's main thread alone (its JavaScript event loop; worker threads excluded). */
export const mainThreadCpuTicks = (pid: number) => cpuTicks(pid, `/proc/${pid}/task/${pid}/stat`);

export function wrkAvailable(): boolean {
  return os.platform() === "linux" && fs.existsSync("/usr/bin/wrk");
}

export async function wrk(
  url: string,
  serverPid: number,
  options: { connections: number; duration: number; headers?: Record<string, string>; timeoutSeconds?: number },
): Promise<WrkResult> {
  const headerArgs = Object.entries({ ...BROWSER_HEADERS, ...options.headers }).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
  const before = cpuTicks(serverPid);
  const { stdout } = await run(
    "/usr/bin/wrk",
    ["-t1", `-c${options.connections}`, `-d${options.duration}s`, `--timeout=${options.timeoutSeconds ?? 2}s`, ...headerArgs, url],
    {
      maxBuffer: 1 << 20,
    },
  );
  const ticks = cpuTicks(serverPid) - before;
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const non3xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const socketErrors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  return { requests, rps, errors: non3xx + socketErrors, cpuPerRequestUs: requests ? (ticks * TICK_US) / requests : 0 };
}
