// kill -9 of a real server (app/server.ts, built) under click load, on SQLite (its own file) and on
// PostgreSQL (the test's database): every click answered with a 302 is stored (inbox or counted), and
// on SQLite the database passes PRAGMA integrity_check.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { insertUser } from "~/models/people/users.server";
import { createDatabase, getDb, migrateToLatest, type DB } from "~/utils/db.server";
import { BROWSER_HEADERS, removeDatabase } from "../bench/support";
import { startInstance } from "./support";

const postgres = process.env.TEST_DIALECT === "postgres";
// Generous: starting the built server takes a few seconds idle and far longer on a busy machine.
const file = path.join(os.tmpdir(), `altavoz-kill-${randomBytes(4).toString("hex")}.sqlite`);
afterAll(() => (postgres ? undefined : removeDatabase(file)));

async function arrangeLink(db: DB): Promise<string> {
  const userId = await insertUser(db, {
    email: "kill@example.com",
    name: "Kill",
    departmentId: null,
    roles: ["employee"],
    status: "active",
  });
  const link = await getOrCreateTrackedLink(db, {
    userId,
    itemId: "kill-item",
    network: "linkedin",
    destinationUrl: "https://example.com/",
  });
  return link.code;
}

/** Twenty clients clicking as fast as they can until the server dies under them. */
async function clickUntilKilled(base: string, code: string, kill: () => Promise<void>) {
  let sent = 0;
  let acknowledged = 0;
  let stop = false;
  const worker = async (n: number) => {
    for (let i = 0; !stop; i++) {
      sent += 1;
      try {
        const res = await fetch(`${base}/l/${code}`, { redirect: "manual", headers: { ...BROWSER_HEADERS, "X-Worker": `${n}-${i}` } });
        if (res.status === 302) acknowledged += 1;
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: 20 }, (_, n) => worker(n));
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await kill();
  stop = true;
  await Promise.all(workers);
  return { sent, acknowledged };
}

function expectNothingLost(dialect: string, figures: { sent: number; acknowledged: number; stored: number }, extra = "") {
  const { sent, acknowledged, stored } = figures;
  console.log(
    `kill -9 on ${dialect}: sent ${sent}, acknowledged ${acknowledged}, stored ${stored}, lost ${Math.max(0, acknowledged - stored)}${extra}`,
  );
  expect(acknowledged).toBeGreaterThan(100);
  expect(stored).toBeGreaterThanOrEqual(acknowledged);
  expect(stored).toBeLessThanOrEqual(sent);
}

// Each project runs its own dialect's variant.
describe.skipIf(postgres)("kill -9 under click load (SQLite)", () => {
  it("loses no acknowledged click and leaves an intact database", async () => {
    const db = createDatabase(file);
    await migrateToLatest(db);
    const code = await arrangeLink(db);
    await db.destroy();
    const server = await startInstance(file);
    const { sent, acknowledged } = await clickUntilKilled(server.base, code, () => server.kill());
    const sqlite = new SQLite(file);
    const stored = (
      sqlite.prepare("select (select count(*) from click_inbox) + (select count(*) from link_clicks) as n").get() as { n: number }
    ).n;
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    sqlite.close();
    expectNothingLost("SQLite", { sent, acknowledged, stored }, `; integrity_check ${String(integrity)}`);
    expect(integrity).toBe("ok");
  }, 90_000);
});

describe.skipIf(!postgres)("kill -9 under click load (PostgreSQL)", () => {
  it("loses no acknowledged click", async () => {
    const db = getDb();
    const code = await arrangeLink(db);
    const server = await startInstance(process.env.DATABASE_URL ?? "");
    const { sent, acknowledged } = await clickUntilKilled(server.base, code, () => server.kill());
    const count = async (table: "click_inbox" | "link_clicks") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const stored = (await count("click_inbox")) + (await count("link_clicks"));
    expectNothingLost("PostgreSQL", { sent, acknowledged, stored });
  }, 90_000);
});
