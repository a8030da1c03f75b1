/**
 * Redirect throughput: the tracked-link hot path of the real built server against a bare node:http
 * server that answers every request with a fixed 302, both loaded the same way in the same run.
 */
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createDatabase, migrateToLatest } from "~/utils/db.server";
import { createBenchLink } from "./bench-link";
import { wrk, wrkAvailable, type WrkResult } from "./wrk";
import { baselineCopy } from "./render";
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
  const link = await createBenchLink(db, "https://example.com/news?id=1");
  await db.destroy();
  return link.code;
}

interface AppServer {
  label: string;
  file: string;
  url: string;
  process: ReturnType<typeof startProcess>;
  /** Responses received, and at most how many requests it may have answered. */
  answered: number;
  sent: number;
}

async function startApp(label: string, file: string, code: string, dir?: string): Promise<AppServer> {
  const port = await freePort();
  const child = startProcess(
    ["app/server.ts"],
    {
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SESSION_SECRET: randomBytes(24).toString("hex"),
      APP_ORIGIN: `http://127.0.0.1:${port}`,
      DATABASE_URL: file,
    },
    dir,
  );
  return { label, file, url: `http://127.0.0.1:${port}/l/${code}`, process: child, answered: 1, sent: 1 };
}

/** BENCH_BASELINE_DIR=<checkout with a build> measures that build too, on a copy of the database, in the same alternating wrk rounds. */
export async function runRedirectBench(options: RedirectBenchOptions): Promise<void> {
  const file = path.join(os.tmpdir(), `altavoz-bench-${randomBytes(4).toString("hex")}.sqlite`);
  const code = await prepareDatabase(file);
  const baselineDir = process.env.BENCH_BASELINE_DIR;
  const barePort = await freePort();
  const bare = startProcess(["tests/bench/bare-server.ts"], { PORT: String(barePort) });
  const apps: AppServer[] = [];
  try {
    if (baselineDir) apps.push(await startApp("baseline", await baselineCopy(file, baselineDir), code, baselineDir));
    apps.push(await startApp("Altavoz", file, code));
    await Promise.all([
      waitForUrl(`http://127.0.0.1:${barePort}/`),
      ...apps.map((a) => waitForUrl(a.url.replace(/\/l\/.*$/, "/healthz"), 120_000)),
    ]);
    for (const a of apps) {
      const check = await fetch(a.url, { redirect: "manual", headers: BROWSER_HEADERS });
      if (check.status !== 302) throw new Error(`The tracked link of ${a.label} answered ${check.status}, not 302`);
    }
    const bareUrl = `http://127.0.0.1:${barePort}/l/${code}`;
    const client = options.client ?? "both";
    if (client !== "autocannon" && !wrkAvailable())
      console.log("\nRedirect with wrk skipped: /usr/bin/wrk is not installed (apt-get install -y wrk); autocannon only.");
    if (client !== "autocannon" && wrkAvailable()) await wrkRounds(bareUrl, bare.pid!, apps, options);
    const app = apps[apps.length - 1];
    if (client !== "wrk") {
      const counts = await autocannonRounds(bareUrl, app.url, options);
      app.answered += counts.answered;
      app.sent += counts.sent;
    }

    for (const a of apps) {
      // Stop at once, with the last clicks still in the recorder's buffer: a clean shutdown writes them.
      const exitCode = await stopProcess(a.process);
      const db = createDatabase(a.file);
      const stored = await db
        .selectFrom("link_clicks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      await db.destroy();
      // wrk and autocannon stop mid-flight, so the server may have answered a few requests whose
      // responses were not counted: clicks written must lie between the responses received and the requests sent.
      const written = Number(stored.n);
      const verdict = written >= a.answered && written <= a.sent ? "none lost" : "MISMATCH";
      console.log(
        `${a.label}, clean shutdown (exit ${exitCode}): ${written} clicks written; ${a.answered} responses received: ${verdict}.`,
      );
    }
  } finally {
    for (const a of apps) await stopProcess(a.process);
    await stopProcess(bare);
    for (const a of apps) removeDatabase(a.file);
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
 * Alternating wrk rounds (bare, then each app) with each server's CPU read from /proc. Adds to each
 * app its responses, and at most how many requests it may have answered (wrk does not count the
 * ones in flight when it stops).
 */
async function wrkRounds(bareUrl: string, barePid: number, apps: AppServer[], options: RedirectBenchOptions): Promise<void> {
  const settings = { connections: options.connections, duration: options.duration };
  await wrk(bareUrl, barePid, { ...settings, duration: 2 });
  const bareRounds: WrkResult[] = [];
  const appRounds = apps.map((): WrkResult[] => []);
  for (const [i, a] of apps.entries()) appRounds[i].push(await wrk(a.url, a.process.pid!, { ...settings, duration: 2 }));
  for (let round = 0; round < Math.max(1, options.rounds); round++) {
    bareRounds.push(await wrk(bareUrl, barePid, settings));
    for (const [i, a] of apps.entries()) appRounds[i].push(await wrk(a.url, a.process.pid!, settings));
  }
  const row = (name: string, rounds: WrkResult[], ratios: string) =>
    `| ${name} | ${fmt(median(rounds.map((r) => r.rps)), 0)} | ${fmt(median(rounds.map((r) => r.cpuPerRequestUs)), 1)} | ${rounds.reduce((n, r) => n + r.errors, 0)} | ${ratios} |`;
  console.log(
    `\nRedirect /l/<code> with wrk: ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s each, in turns (medians; CPU of the server process from /proc; load average ${os
      .loadavg()
      .map((l) => fmt(l))
      .join(" ")})`,
  );
  console.log("| server | req/s | CPU µs/request | errors | throughput ratio / CPU-per-request ratio |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  console.log(row("bare node:http 302", bareRounds, "1.00 / 1.00"));
  for (const [i, a] of apps.entries()) {
    const measured = appRounds[i].slice(1);
    const throughput = median(measured.map((r, j) => r.rps / bareRounds[j].rps));
    const cpu = median(measured.map((r, j) => r.cpuPerRequestUs / bareRounds[j].cpuPerRequestUs));
    console.log(row(`${a.label} /l/<code>`, measured, `${fmt(throughput, 2)} / ${fmt(cpu, 2)}`));
    console.log(
      `Rounds (bare / ${a.label}): ${bareRounds.map((b, j) => `${fmt(b.rps, 0)} req/s ${fmt(b.cpuPerRequestUs, 1)} µs / ${fmt(measured[j].rps, 0)} req/s ${fmt(measured[j].cpuPerRequestUs, 1)} µs`).join("; ")}`,
    );
    const answered = appRounds[i].reduce((n, r) => n + r.requests, 0);
    a.answered += answered;
    a.sent += answered + options.connections * appRounds[i].length;
  }
}
