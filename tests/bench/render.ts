/**
 * Server CPU per rendered page: the built server on a generated organisation, each signed-in page
 * loaded by wrk (10 connections) in turns with /healthz through the same stack, the server process's
 * CPU (user + system) read from /proc. CPU per request hardly moves with the machine's other load,
 * unlike throughput; every round's page figure is divided by the same round's /healthz.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createDatabase } from "~/utils/db.server";
import { sha256 } from "~/utils/crypto.server";
import { generateOrganisation, SIZES } from "./generate";
import { fmt, freePort, removeDatabase, startProcess, stopProcess, waitForUrl } from "./support";
import { wrk, wrkAvailable, type WrkResult } from "./wrk";

export const PAGES = ["/", "/feed", "/leaderboard", "/hr/onboarding"];
const HEALTHZ = "/healthz";
const GOAL = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A generated organisation whose leader is an editor and HR too, signed in: returns the session cookie. */
export async function signedInOrganisation(file: string, sizeName: string): Promise<{ cookie: string; userId: string }> {
  const size = SIZES[sizeName];
  if (!size) throw new Error(`Unknown size ${sizeName}; choose from ${Object.keys(SIZES).join(", ")}`);
  console.log(`  generating ${size.people.toLocaleString("en")} people, ${size.ledger.toLocaleString("en")} ledger rows…`);
  const generated = await generateOrganisation(file, size);
  const db = createDatabase(file);
  try {
    await db
      .insertInto("user_roles")
      .values((["employee", "editor", "hr"] as const).map((role) => ({ user_id: generated.leaderId, role })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const token = randomBytes(20).toString("hex");
    const now = Date.now();
    await db
      .insertInto("sessions")
      .values({ id: sha256(token), user_id: generated.leaderId, expires_at: now + 86_400_000, created_at: now })
      .execute();
    return { cookie: `altavoz_session=${token}`, userId: generated.leaderId };
  } finally {
    await db.destroy();
  }
}

export interface BuiltServer {
  label: string;
  base: string;
  pid: number;
  stop: () => Promise<unknown>;
}

/** The built server of this checkout, or of another one's directory (a baseline build of main). */
export async function startBuiltServer(file: string, dir?: string, label = "this build"): Promise<BuiltServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startProcess(
    ["app/server.ts"],
    {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: file,
      SESSION_SECRET: randomBytes(24).toString("hex"),
      APP_ORIGIN: base,
      SMTP_URL: "",
    },
    dir,
  );
  await waitForUrl(`${base}/healthz`, 120_000);
  return { label, base, pid: server.pid!, stop: () => stopProcess(server) };
}

/** A copy of the database for an older build: without the migrations it does not know. */
export async function baselineCopy(file: string, dir: string): Promise<string> {
  const copy = `${file}.baseline`;
  fs.copyFileSync(file, copy);
  const known = new Set(fs.readdirSync(path.join(dir, "db/migrations")).map((f) => f.replace(/\.ts$/, "")));
  const db = createDatabase(copy);
  try {
    const applied = await db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    for (const { name } of applied as { name: string }[]) {
      if (known.has(name)) continue;
      const { down } = (await import(new URL(`../../db/migrations/${name}.ts`, import.meta.url).href)) as {
        down(db: unknown): Promise<void>;
      };
      await down(db);
      await db
        .deleteFrom("kysely_migration" as never)
        .where("name" as never, "=", name as never)
        .execute();
    }
  } finally {
    await db.destroy();
  }
  return copy;
}

/**
 * BENCH_BASELINE_DIR=<checkout with a build> measures that build too, on a copy of the same
 * organisation, in the same alternating rounds: before and after a change under the same load.
 */
export async function runRenderBench(options: { sizes?: string; rounds: number; duration: number }): Promise<void> {
  if (!wrkAvailable()) {
    console.log("\nRender CPU bench skipped: it needs wrk (apt-get install -y wrk).");
    return;
  }
  const baselineDir = process.env.BENCH_BASELINE_DIR;
  for (const sizeName of (options.sizes ?? "tiny").split(",")) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-bench-render-"));
    const file = path.join(dir, "bench.sqlite");
    const servers: BuiltServer[] = [];
    try {
      console.log(`\nServer CPU per page (${sizeName}), 10 connections, ${options.rounds} rounds of ${options.duration} s, in turns`);
      const { cookie } = await signedInOrganisation(file, sizeName);
      if (baselineDir) servers.push(await startBuiltServer(await baselineCopy(file, baselineDir), baselineDir, "baseline"));
      servers.push(await startBuiltServer(file));
      await measurePages(servers, cookie, options);
    } finally {
      for (const server of servers) await server.stop();
      for (const f of fs.readdirSync(dir)) removeDatabase(path.join(dir, f));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function measurePages(servers: BuiltServer[], cookie: string, options: { rounds: number; duration: number }) {
  const targets = [HEALTHZ, ...PAGES];
  const headersOf = (target: string): Record<string, string> => (target === HEALTHZ ? { Accept: "application/json" } : { Cookie: cookie });
  const load = (server: BuiltServer, target: string, duration: number) =>
    wrk(server.base + target, server.pid, { connections: 10, duration, headers: headersOf(target), timeoutSeconds: 60 });
  for (const server of servers)
    for (const target of targets) {
      const res = await fetch(server.base + target, { redirect: "manual", headers: headersOf(target) });
      if (res.status !== 200) throw new Error(`${server.label} ${target} answered ${res.status}, not 200`);
      await load(server, target, 2); // warm-up: JIT, statement caches, page modules
    }
  const rounds = new Map<string, WrkResult[]>();
  const id = (server: BuiltServer, target: string) => `${server.label} ${target}`;
  for (let round = 0; round < Math.max(1, options.rounds); round++)
    for (const target of targets)
      for (const server of servers) {
        const list = rounds.get(id(server, target)) ?? [];
        list.push(await load(server, target, options.duration));
        rounds.set(id(server, target), list);
      }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(" ")}`,
  );
  console.log("| build | page | req/s | server CPU ms/request | ratio to its /healthz | errors |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: |");
  for (const server of servers) {
    const base = rounds.get(id(server, HEALTHZ))!;
    for (const target of targets) {
      const results = rounds.get(id(server, target))!;
      const ratio = median(results.map((r, i) => r.cpuPerRequestUs / base[i].cpuPerRequestUs));
      const goal = target === HEALTHZ ? "1.00" : `${fmt(ratio, 2)} (goal ≤ ${GOAL})`;
      const cpu = fmt(median(results.map((r) => r.cpuPerRequestUs)) / 1000, 2);
      console.log(
        `| ${server.label} | ${target} | ${fmt(median(results.map((r) => r.rps)), 1)} | ${cpu} | ${goal} | ${results.reduce((n, r) => n + r.errors, 0)} |`,
      );
    }
  }
}
