/**
 * The redirect while others load heavy pages: wrk on /l/<code> alone, then while one client loads
 * /analytics (last 30 days and a year, in turn) and another /hr/onboarding, one page after another, in
 * alternating rounds on the same built server and generated organisation. A request that holds the
 * event loop shows as lost redirect throughput.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "~/utils/db.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { BENCH_NOW } from "./generate";
import { baselineCopy, signedInOrganisation, startBuiltServer, type BuiltServer } from "./render";
import { fmt, removeDatabase } from "./support";
import { cpuTicks, mainThreadCpuTicks, wrk, wrkAvailable, type WrkResult } from "./wrk";

const GOAL = 0.8;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

async function trackedLinkCode(file: string, userId: string): Promise<string> {
  const db = createDatabase(file);
  try {
    const item = await db.selectFrom("content_items").select("id").limit(1).executeTakeFirstOrThrow();
    const link = await getOrCreateTrackedLink(db, {
      userId,
      itemId: item.id,
      network: "linkedin",
      destinationUrl: "https://example.com/a",
    });
    return link.code;
  } finally {
    await db.destroy();
  }
}

interface PageLoop {
  stop(): Promise<{ pages: number; times: number[] }>;
}

/** Loads the URLs in turn, one at a time, until stopped. */
function pageLoop(urls: string[], cookie: string): PageLoop {
  let running = true;
  const times: number[] = [];
  const done = (async () => {
    for (let i = 0; running; i++) {
      const started = performance.now();
      const res = await fetch(urls[i % urls.length], { headers: { Cookie: cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${urls[i % urls.length]} answered ${res.status}`);
      times.push(performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { pages: times.length, times };
    },
  };
}

interface Rounds {
  alone: WrkResult[];
  loaded: WrkResult[];
  pages: { pages: number; times: number[] }[];
  /** Of the server's CPU while the pages loaded, the share its main thread (the event loop) used. */
  mainShare: number[];
}

/** One round on one server: the redirect alone, then while the two page loops run. */
async function round(server: BuiltServer, code: string, cookie: string, settings: { connections: number; duration: number }, into: Rounds) {
  const redirect = `${server.base}/l/${code}`;
  const analytics = [
    `${server.base}/analytics?from=${day(BENCH_NOW - 29 * 86_400_000)}&to=${day(BENCH_NOW)}`,
    `${server.base}/analytics?from=${day(BENCH_NOW - 364 * 86_400_000)}&to=${day(BENCH_NOW)}`,
  ];
  const hr = [`${server.base}/hr/onboarding`];
  into.alone.push(await wrk(redirect, server.pid, settings));
  const [all, main] = [cpuTicks(server.pid), mainThreadCpuTicks(server.pid)];
  const loops = [pageLoop(analytics, cookie), pageLoop(hr, cookie)];
  into.loaded.push(await wrk(redirect, server.pid, settings));
  into.pages.push(...(await Promise.all(loops.map((l) => l.stop()))));
  into.mainShare.push((mainThreadCpuTicks(server.pid) - main) / Math.max(1, cpuTicks(server.pid) - all));
}

/** BENCH_BASELINE_DIR=<checkout with a build> measures that build too, on a copy of the organisation, in the same alternating rounds. */
export async function runRedirectUnderLoad(options: { rounds: number; duration: number; connections: number; sizes?: string }) {
  if (!wrkAvailable()) {
    console.log("\nRedirect under load skipped: it needs wrk (apt-get install -y wrk).");
    return;
  }
  const sizeName = options.sizes?.split(",")[0] ?? "tiny";
  const baselineDir = process.env.BENCH_BASELINE_DIR;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-bench-redirect-load-"));
  const file = path.join(dir, "bench.sqlite");
  const servers: BuiltServer[] = [];
  try {
    console.log(
      `\nRedirect under load (${sizeName}): ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s, in turns`,
    );
    const { cookie, userId } = await signedInOrganisation(file, sizeName);
    const code = await trackedLinkCode(file, userId);
    if (baselineDir) servers.push(await startBuiltServer(await baselineCopy(file, baselineDir), baselineDir, "baseline"));
    servers.push(await startBuiltServer(file));
    const settings = { connections: options.connections, duration: options.duration };
    for (const server of servers) await wrk(`${server.base}/l/${code}`, server.pid, { ...settings, duration: 2 });
    const results = servers.map((): Rounds => ({ alone: [], loaded: [], pages: [], mainShare: [] }));
    for (let r = 0; r < Math.max(1, options.rounds); r++) {
      for (const [i, server] of servers.entries()) await round(server, code, cookie, settings, results[i]);
    }
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => fmt(l))
        .join(" ")}`,
    );
    for (const [i, server] of servers.entries()) report(server.label, results[i], options.duration);
  } finally {
    for (const server of servers) await server.stop();
    for (const f of fs.readdirSync(dir)) removeDatabase(path.join(dir, f));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(label: string, { alone, loaded, pages, mainShare }: Rounds, duration: number) {
  const ratio = median(loaded.map((r, i) => r.rps / alone[i].rps));
  const analytics = pages.filter((_, i) => i % 2 === 0);
  const hr = pages.filter((_, i) => i % 2 === 1);
  const p50 = (runs: typeof pages) => median(runs.flatMap((r) => r.times));
  const perSecond = (runs: typeof pages) => median(runs.map((r) => r.pages / duration));
  console.log(`\n${label}:`);
  console.log("| redirect | req/s | errors | ratio to alone |");
  console.log("| --- | ---: | ---: | ---: |");
  console.log(`| alone | ${fmt(median(alone.map((r) => r.rps)), 0)} | ${alone.reduce((n, r) => n + r.errors, 0)} | 1.00 |`);
  console.log(
    `| while /analytics and /hr/onboarding load | ${fmt(median(loaded.map((r) => r.rps)), 0)} | ${loaded.reduce((n, r) => n + r.errors, 0)} | ${fmt(ratio, 2)} (goal ≥ ${GOAL}) |`,
  );
  console.log(
    `Rounds, req/s (alone / loaded, ratio): ${alone.map((a, i) => `${fmt(a.rps, 0)} / ${fmt(loaded[i].rps, 0)} (${fmt(loaded[i].rps / a.rps, 2)})`).join(", ")}`,
  );
  console.log(
    `Pages meanwhile: /analytics ${fmt(perSecond(analytics))}/s (p50 ${fmt(p50(analytics))} ms), /hr/onboarding ${fmt(perSecond(hr))}/s (p50 ${fmt(p50(hr))} ms)`,
  );
  console.log(`Server CPU on its main thread while the pages load: ${fmt(median(mainShare) * 100, 0)} % (the rest on worker threads)`);
}
