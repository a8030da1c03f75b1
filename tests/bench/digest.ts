/**
 * The weekly digest for a whole organisation (SQLite): builds and queues every person's digest (their
 * new items, leaving out what they shared) at two sizes, each step in a fresh process. Time should grow
 * with the people, peak memory should not (people are read in pages): the ratio to the smaller size
 * shows both, next to the baseline of a process that only opens the database.
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
  const results: { size: string; people: number; queued: number; ms: number; maxRssMb: number }[] = [];
  for (const size of chosen) {
    const file = path.join(os.tmpdir(), `altavoz-digest-bench-${size}-${process.pid}.sqlite`);
    removeDatabase(file);
    child("generate", file, String(SIZES[size]));
    const result = JSON.parse(child("queue", file).trim().split("\n").pop()!) as { queued: number; ms: number; maxRssMb: number };
    results.push({ size, people: SIZES[size], ...result });
    removeDatabase(file);
  }
  const base = results[0];
  console.log("\nWeekly digest, build and queue (SQLite, fresh process per size)");
  for (const r of results)
    console.log(
      `  ${r.size.padEnd(6)} ${String(r.people).padStart(7)} people: ${String(r.queued).padStart(6)} digests queued in ${fmt(r.ms / 1000, 2)} s` +
        ` (×${fmt(r.ms / base.ms, 2)} of ${base.size}), peak RSS ${fmt(r.maxRssMb, 0)} MB (×${fmt(r.maxRssMb / base.maxRssMb, 2)})`,
    );
}
