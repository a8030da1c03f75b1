/**
 * One step of the digest bench, in its own process so its peak memory is its own:
 *   tsx tests/bench/digest-child.ts generate <file> <people>   an organisation with a week of items and shares
 *   tsx tests/bench/digest-child.ts queue <file>               builds and queues the weekly digest; prints JSON
 *   tsx tests/bench/digest-child.ts open <file>                only opens the database (the memory baseline); prints JSON
 */
import { queueDigestSlot } from "~/models/digests/build.server";
import { createDatabase, migrateToLatest, type DB } from "~/utils/db.server";

export const DIGEST_NOW = Date.parse("2026-12-07T08:00:00Z"); // Monday 9:00 in Madrid
const DAY = 86_400_000;
const ITEMS = 60;
const DEPARTMENTS = 12;

async function inBatches<T>(total: number, make: (i: number) => T, insert: (rows: T[]) => Promise<unknown>) {
  for (let start = 0; start < total; start += 500)
    await insert(Array.from({ length: Math.min(500, total - start) }, (_, k) => make(start + k)));
}

async function generate(db: DB, people: number) {
  await migrateToLatest(db);
  await db
    .insertInto("departments")
    .values(Array.from({ length: DEPARTMENTS }, (_, d) => ({ id: `d${d}`, name: `Department ${d}`, created_at: 0 })))
    .execute();
  await inBatches(
    people,
    (i) => ({
      id: `u${String(i).padStart(7, "0")}`,
      email: `p${i}@example.com`,
      name: `Person ${i}`,
      password_hash: null,
      department_id: `d${i % DEPARTMENTS}`,
      locale: i % 5 === 0 ? ("en" as const) : ("es" as const),
      status: "active" as const,
      created_at: 0,
      activated_at: 0,
      deactivated_at: null,
      digest_frequency: i % 10 === 0 ? ("daily" as const) : i % 17 === 0 ? ("off" as const) : ("weekly" as const),
    }),
    (rows) => db.insertInto("users").values(rows).execute(),
  );
  // A week of items: a third for everyone, the rest for one or two departments; a fifth in English.
  await inBatches(
    ITEMS,
    (i) => ({
      id: `item${i}`,
      title: `Item ${i}`,
      destination_url: `https://example.com/news/${i}`,
      image_url: `https://cdn.example.com/${i}.jpg`,
      language: i % 5 === 0 ? ("en" as const) : ("es" as const),
      status: "published" as const,
      publish_at: DIGEST_NOW - ((i + 1) / (ITEMS + 1)) * 7 * DAY,
      expire_at: null,
      campaign_id: null,
      created_by: null,
      updated_by: null,
      proposed_by: null,
      submitted_at: 0,
      approved_at: 0,
      approved_by: null,
      created_at: 0,
      updated_at: 0,
    }),
    (rows) => db.insertInto("content_items").values(rows).execute(),
  );
  const targets = Array.from({ length: ITEMS }, (_, i) => i)
    .filter((i) => i % 3 !== 0)
    .flatMap((i) => [
      { item_id: `item${i}`, department_id: `d${i % DEPARTMENTS}` },
      ...(i % 2 ? [{ item_id: `item${i}`, department_id: `d${(i + 5) % DEPARTMENTS}` }] : []),
    ]);
  await db.insertInto("content_targets").values(targets).execute();
  // About two shares per person this week, which the digest leaves out.
  await inBatches(
    people * 2,
    (i) => ({
      id: `s${i}`,
      user_id: `u${String(i % people).padStart(7, "0")}`,
      item_id: `item${(i * 7) % ITEMS}`,
      network: "linkedin",
      created_at: DIGEST_NOW - DAY,
    }),
    (rows) =>
      db
        .insertInto("shares")
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute(),
  );
}

const [step, file, people] = process.argv.slice(2);
const db = createDatabase(file);
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
if (step === "generate") await generate(db, Number(people));
else {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { queued } =
    step === "queue"
      ? await queueDigestSlot(db, { slot: "weekly:2026-12-07", frequency: "weekly", at: DIGEST_NOW }, DIGEST_NOW)
      : { queued: 0 };
  const ms = performance.now() - started;
  console.log(JSON.stringify({ queued, ms, cpuMs: cpuMs(process.cpuUsage(cpu)), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
await db.destroy();
