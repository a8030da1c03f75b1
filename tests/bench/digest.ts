/**
 * The weekly digest for a whole organisation (SQLite): builds and queues every person's digest (their
 * new items, leaving out what they shared) at two sizes, each step in a fresh process. Time should grow
 * with the people (CPU time is printed too: on a shared machine it moves less than the wall clock),
 * peak memory should not (people are read in pages): the ratio to the smaller size shows both, next to
 * the baseline of a process that only opens the database.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fmt, removeDatabase } from "./support";

const SIZES: Record<string, number> = { small: 10_000, full: 100_000 };

const child = (...args: string[]) =>
  execFileSync("npx", ["tsx", "tests/bench/digest-child.ts", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

export async function runDigestBench({ sizes }: { sizes?: string } = {}) {
  const chosen = (sizes ?? "small,full").split(",").filter((s) => SIZES[s]);
  type Step = { queued: number; ms: number; cpuMs: number; maxRssMb: number };
  const run = (step: string, file: string) => JSON.parse(child(step, file).trim().split("\n").pop()!) as Step;
  const results: ({ size: string; people: number } & Step)[] = [];
  let baseline: Step | undefined;
  const loadAtStart = os.loadavg()[0];
  for (const size of chosen) {
    const file = path.join(os.tmpdir(), `altavoz-digest-bench-${size}-${process.pid}.sqlite`);
    removeDatabase(file);
    child("generate", file, String(SIZES[size]));
    baseline ??= run("open", file);
    results.push({ size, people: SIZES[size], ...run("queue", file) });
    removeDatabase(file);
  }
  const base = results[0];
  console.log(
    `\nWeekly digest, build and queue (SQLite, fresh process per size; load average ${fmt(loadAtStart)} at start, ${fmt(os.loadavg()[0])} at end)`,
  );
  if (baseline) console.log(`  baseline: a process that only opens the database, peak RSS ${fmt(baseline.maxRssMb, 0)} MB`);
  for (const r of results)
    console.log(
      `  ${r.size.padEnd(6)} ${String(r.people).padStart(7)} people: ${String(r.queued).padStart(6)} digests queued in ${fmt(r.ms / 1000, 2)} s` +
        ` (×${fmt(r.ms / base.ms, 2)} of ${base.size}), CPU ${fmt(r.cpuMs / 1000, 2)} s (×${fmt(r.cpuMs / base.cpuMs, 2)}),` +
        ` peak RSS ${fmt(r.maxRssMb, 0)} MB (×${fmt(r.maxRssMb / base.maxRssMb, 2)}; baseline +${fmt(r.maxRssMb - (baseline?.maxRssMb ?? 0), 0)} MB)`,
    );
}
