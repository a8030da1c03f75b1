// The README's quick start, run as a newcomer would: a fresh copy of the project (no data/, no build/),
// no environment of ours, the command read from README.md's "Quick start" section (so the check follows
// the README when it changes), then two demo roles sign in over HTTP on localhost and 127.0.0.1 and load
// their home pages. Only PORT and HOST are set, so the server does not collide with anything on this machine.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_LOGINS, DEMO_PASSWORD } from "~/cli/demo/organisation";
import { root } from "./support/harness";

/** The first ```sh block under "## Quick start". */
export function quickStartCommand(readme: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith("Quick start"));
  const block = section && /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block?.trim()) throw new Error("README.md has no ```sh block under ## Quick start");
  return block.trim();
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

/** Tracked and new (not ignored) files, as a fresh clone of this working tree would have them; node_modules hard-linked. */
function freshCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-quickstart-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(root, file);
    if (!fs.existsSync(from) || fs.statSync(from).isDirectory()) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
  }
  execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
  return dir;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function waitForServer(base: string, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the quick start did not start a server:\n${log()}`);
}

async function signInAndLoadHome(base: string, email: string): Promise<string> {
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }),
  });
  expect(login.status, `${email} on ${base}`).toBe(302);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c.startsWith("altavoz_session="))
    .join("; ");
  expect(cookie, `${email} on ${base}: session cookie`).toMatch(/^altavoz_session=.+/);
  let location = login.headers.get("Location") ?? "/";
  for (let hops = 0; hops < 3; hops++) {
    const page = await fetch(new URL(location, base), { redirect: "manual", headers: { Cookie: cookie } });
    if (page.status >= 300 && page.status < 400 && page.headers.get("Location")) {
      location = page.headers.get("Location")!;
      expect(new URL(location, base).pathname).not.toBe("/login");
      continue;
    }
    expect(page.status, `${email} on ${base}: ${location}`).toBe(200);
    return page.text();
  }
  throw new Error(`${email}: too many redirects from /`);
}

describe("the README's quick start on a fresh copy", () => {
  it(
    "builds, seeds, starts with no environment set, and two demo roles sign in on localhost and 127.0.0.1",
    { timeout: 420_000 },
    async () => {
      const command = quickStartCommand(fs.readFileSync(path.join(root, "README.md"), "utf8"));
      expect(command).toContain("npm run demo");
      const dir = freshCopy();
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      const port = await freePort();
      // A newcomer's shell: PATH and HOME only (none of the test run's secrets, origins or databases).
      const env = { ...process.env };
      for (const name of Object.keys(env)) if (name !== "PATH" && name !== "HOME") delete env[name];
      Object.assign(env, { PORT: String(port), HOST: "127.0.0.1", npm_config_audit: "false", npm_config_fund: "false" });
      let log = "";
      const child = spawn("bash", ["-c", command], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      child.stdout.on("data", (chunk) => (log += String(chunk)));
      child.stderr.on("data", (chunk) => (log += String(chunk)));
      cleanups.push(async () => {
        if (child.exitCode !== null || !child.pid) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(-child.pid, "SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      });

      await waitForServer(`http://127.0.0.1:${port}`, () => log, 360_000);
      expect(log).toContain(`http://localhost:${port}`);
      for (const login of DEMO_LOGINS) expect(log).toContain(login.email);
      const secret = fs.statSync(path.join(dir, "data", "session-secret"));
      expect(secret.mode & 0o777).toBe(0o600);

      const admin = DEMO_LOGINS.find((l) => l.roles.includes("admin"))!;
      const employee = DEMO_LOGINS.find((l) => l.roles.length === 1 && l.roles[0] === "employee")!;
      for (const base of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
        for (const person of [admin, employee]) {
          const home = await signInAndLoadHome(base, person.email);
          expect(home).toContain(person.name);
        }
      }
      expect(log).not.toMatch(/Error|SESSION_SECRET/);
    },
  );
});
