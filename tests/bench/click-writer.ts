/**
 * The click pipeline in-process, without HTTP: clicks appended to the inbox in groups of 25 (one event-loop
 * turn each), then written as one batch of 2,000, with one visitor repeated (as the wrk bench does) and with
 * a distinct visitor per click (as real traffic does). Prints the process CPU per click of each stage.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createDatabase, migrateToLatest } from "~/utils/db.server";
import { ClickInbox, type StoredClick } from "~/runtime/click-inbox.server";
import { writeStoredBatch } from "~/runtime/click-writer.server";
import { createBenchLink } from "./bench-link";
import { BROWSER_HEADERS, fmt } from "./support";

const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function measure(distinct: boolean): Promise<{ inbox: number; writer: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `altavoz-bench-clicks-${randomBytes(3).toString("hex")}-`));
  const db = createDatabase(path.join(dir, "bench.sqlite"));
  try {
    await migrateToLatest(db);
    const link = await createBenchLink(db, "https://example.com/a");
    let held: StoredClick[] = [];
    const inbox = new ClickInbox(
      () => db,
      (stored) => stored && held.push(...stored),
    );
    let n = 0;
    let [inboxUs, writerUs, clicks] = [0, 0, 0];
    for (let round = 0; round < 12; round++) {
      const started = cpu();
      for (let group = 0; group < 80; group++) {
        await new Promise<void>((resolve) => {
          let left = 25;
          for (let i = 0; i < 25; i++, n++) {
            const ip = distinct ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` : "127.0.0.1";
            inbox.append(
              { linkId: link.id, at: Date.now(), ip, userAgent: BROWSER_HEADERS["User-Agent"], sessionId: null },
              () => --left || resolve(),
            );
          }
        });
      }
      const appended = cpu();
      const batch = held;
      held = [];
      await writeStoredBatch(db, batch);
      // The first rounds warm up the JIT and the statement caches.
      if (round >= 2) [inboxUs, writerUs, clicks] = [inboxUs + appended - started, writerUs + cpu() - appended, clicks + batch.length];
    }
    return { inbox: inboxUs / clicks, writer: writerUs / clicks };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runClickWriterBench(): Promise<void> {
  console.log("\nClick pipeline in-process (SQLite; 10 batches of 2,000 clicks after 2 to warm up)");
  console.log("| visitors | inbox CPU µs/click | writer CPU µs/click |");
  console.log("| --- | ---: | ---: |");
  for (const distinct of [false, true]) {
    const r = await measure(distinct);
    console.log(`| ${distinct ? "one per click" : "one repeated"} | ${fmt(r.inbox, 1)} | ${fmt(r.writer, 1)} |`);
  }
}
