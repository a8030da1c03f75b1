/**
 * Redirect throughput: the tracked-link hot path of the real built server against a bare node:http
 * server that answers every request with a fixed 302, both loaded the same way in the same run.
 */
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createDatabase, migrateToLatest } from "~/utils/db.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { insertUser } from "~/models/people/users.server";
import { wrk, wrkAvailable, type WrkResult } from "./wrk";
import { BROWSER_HEADERS, fmt, freePort, load, removeDatabase, startProcess, stopProcess, waitForUrl, type LoadResult } from "./support";

export interface RedirectBenchOptions {
  duration: number;
  connections: number;
  /** Bare and Altavoz are measured in turns this many times; the median round of each is reported. */
  rounds: number;
  /** "wrk", "autocannon" or "both" (wrk only where /usr/bin/wrk exists). */
  client?: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function prepareDatabase(file: string): Promise<string> {
  const db = createDatabase(file);
  await migrateToLatest(db);
  const userId = await insertUser(db, {
    email: "bench@example.com",
    name: "Bench",
    departmentId: null,
    roles: ["employee"],
    status: "active",
  });
  const link = await getOrCreateTrackedLink(db, {
    userId,
    itemId: "bench-item",
    network: "linkedin",
    destinationUrl: "https://example.com/news?id=1",
  });
  await db.destroy();
  return link.code;
}

export async function runRedirectBench(options: RedirectBenchOptions): Promise<void> {
  const file = path.join(os.tmpdir(), `altavoz-bench-${randomBytes(4).toString("hex")}.sqlite`);
  const code = await prepareDatabase(file);
  const [appPort, barePort] = await Promise.all([freePort(), freePort()]);

  const bare = startProcess(["tests/bench/bare-server.ts"], { PORT: String(barePort) });
  const app = startProcess(["app/server.ts"], {
    PORT: String(appPort),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SESSION_SECRET: randomBytes(24).toString("hex"),
    APP_ORIGIN: `http://127.0.0.1:${appPort}`,
    DATABASE_URL: file,
  });
  try {
    await Promise.all([waitForUrl(`http://127.0.0.1:${barePort}/`), waitForUrl(`http://127.0.0.1:${appPort}/healthz`)]);
    const check = await fetch(`http://127.0.0.1:${appPort}/l/${code}`, { redirect: "manual", headers: BROWSER_HEADERS });
    if (check.status !== 302) throw new Error(`The tracked link answered ${check.status}, not 302`);

    const client = options.client ?? "both";
    let answered = 1;
    let sent = 1;
    if (client !== "autocannon" && !wrkAvailable())
      console.log("\nRedirect with wrk skipped: /usr/bin/wrk is not installed (apt-get install -y wrk); autocannon only.");
    if (client !== "autocannon" && wrkAvailable()) {
      const counts = await wrkRounds(
        `http://127.0.0.1:${barePort}/l/${code}`,
        `http://127.0.0.1:${appPort}/l/${code}`,
        bare.pid!,
        app.pid!,
        options,
      );
      answered += counts.answered;
      sent += counts.sent;
    }
    if (client !== "wrk") {
      const counts = await autocannonRounds(`http://127.0.0.1:${barePort}/l/${code}`, `http://127.0.0.1:${appPort}/l/${code}`, options);
      answered += counts.answered;
      sent += counts.sent;
    }

    // Stop at once, with the last clicks still in the recorder's buffer: a clean shutdown writes them.
    const exitCode = await stopProcess(app);
    const db = createDatabase(file);
    const stored = await db
      .selectFrom("link_clicks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await db.destroy();
    // wrk and autocannon stop mid-flight, so the server may have answered a few requests whose
    // responses were not counted: clicks written must lie between the responses received and the requests sent.
    const written = Number(stored.n);
    const verdict = written >= answered && written <= sent ? "none lost" : "MISMATCH";
    console.log(`Clean shutdown (exit ${exitCode}): ${written} clicks written; ${answered} responses received: ${verdict}.`);
  } finally {
    await stopProcess(app);
    await stopProcess(bare);
    removeDatabase(file);
  }
}

async function autocannonRounds(
  bareUrl: string,
  appUrl: string,
  options: RedirectBenchOptions,
): Promise<{ answered: number; sent: number }> {
  // Warm both up, then measure each on its own.
  await load(bareUrl, { connections: options.connections, duration: 2 });
  const warmUp = await load(appUrl, { connections: options.connections, duration: 2 });
  // In turns, so both see the same background load (a shared machine is noisy); medians are reported.
  const bareRounds: LoadResult[] = [];
  const appRounds: LoadResult[] = [];
  for (let round = 0; round < Math.max(1, options.rounds); round++) {
    bareRounds.push(await load(bareUrl, options));
    appRounds.push(await load(appUrl, options));
  }
  const summary = (rounds: LoadResult[]) => ({
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    non3xx: rounds.reduce((n, r) => n + r.non3xx, 0),
  });
  const baseline = summary(bareRounds);
  const redirect = summary(appRounds);
  const ratio = redirect.rps / baseline.rps;

  console.log(
    `\nRedirect /l/<code>: ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s each, in turns (autocannon; medians)`,
  );
  console.log("| server | req/s | p50 ms | p99 ms | errors | ratio to bare node:http |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  console.log(`| bare node:http 302 | ${fmt(baseline.rps, 0)} | ${baseline.p50} | ${baseline.p99} | ${baseline.non3xx} | 1.00 |`);
  console.log(
    `| Altavoz /l/<code> | ${fmt(redirect.rps, 0)} | ${redirect.p50} | ${redirect.p99} | ${redirect.non3xx} | ${fmt(ratio, 2)} (target ≥ 0.25) |`,
  );
  console.log(`Rounds, req/s (bare / Altavoz): ${bareRounds.map((b, i) => `${fmt(b.rps, 0)} / ${fmt(appRounds[i].rps, 0)}`).join(", ")}`);

  return {
    answered: warmUp.requests + appRounds.reduce((n, r) => n + r.requests, 0),
    sent: warmUp.sent + appRounds.reduce((n, r) => n + r.sent, 0),
  };
}

/**
 * Alternating wrk rounds with each server's CPU read from /proc. Returns the app's responses, and
 * at most how many requests it may have answered (wrk does not count the ones in flight when it stops).
 */
async function wrkRounds(
  bareUrl: string,
  appUrl: string,
  barePid: number,
  appPid: number,
  options: RedirectBenchOptions,
): Promise<{ answered: number; sent: number }> {
  const settings = { connections: options.connections, duration: options.duration };
  await wrk(bareUrl, barePid, { ...settings, duration: 2 });
  const warm = await wrk(appUrl, appPid, { ...settings, duration: 2 });
  const bareRounds: WrkResult[] = [];
  const appRounds: WrkResult[] = [];
  for (let round = 0; round < Math.max(1, options.rounds); round++) {
    bareRounds.push(await wrk(bareUrl, barePid, settings));
    appRounds.push(await wrk(appUrl, appPid, settings));
  }
  const throughput = median(appRounds.map((r, i) => r.rps / bareRounds[i].rps));
  const cpu = median(appRounds.map((r, i) => r.cpuPerRequestUs / bareRounds[i].cpuPerRequestUs));
  const row = (name: string, rounds: WrkResult[], ratios: string) =>
    `| ${name} | ${fmt(median(rounds.map((r) => r.rps)), 0)} | ${fmt(median(rounds.map((r) => r.cpuPerRequestUs)), 1)} | ${rounds.reduce((n, r) => n + r.errors, 0)} | ${ratios} |`;
  console.log(
    `\nRedirect /l/<code> with wrk: ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s each, in turns (medians; CPU of the server process from /proc)`,
  );
  console.log("| server | req/s | CPU µs/request | errors | throughput ratio / CPU-per-request ratio |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  console.log(row("bare node:http 302", bareRounds, "1.00 / 1.00"));
  console.log(row("Altavoz /l/<code>", appRounds, `${fmt(throughput, 2)} / ${fmt(cpu, 2)}`));
  console.log(
    `Rounds (bare / Altavoz): ${bareRounds.map((b, i) => `${fmt(b.rps, 0)} req/s ${fmt(b.cpuPerRequestUs, 0)} µs / ${fmt(appRounds[i].rps, 0)} req/s ${fmt(appRounds[i].cpuPerRequestUs, 0)} µs`).join("; ")}`,
  );
  const answered = warm.requests + appRounds.reduce((n, r) => n + r.requests, 0);
  return { answered, sent: answered + options.connections * (appRounds.length + 1) };
}
