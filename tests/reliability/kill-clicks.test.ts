// kill -9 of a real server (app/server.ts, built) under click load on SQLite: every click answered
// with a 302 is stored (inbox or counted), and the database passes PRAGMA integrity_check.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { insertUser } from "~/models/people/users.server";
import { createDatabase, migrateToLatest } from "~/utils/db.server";
import { BROWSER_HEADERS, freePort, removeDatabase, waitForUrl } from "../bench/support";

const file = path.join(os.tmpdir(), `altavoz-kill-${randomBytes(4).toString("hex")}.sqlite`);
afterAll(() => removeDatabase(file));

// SQLite only: it starts its own server on its own file, so the postgres project skips it.
describe.skipIf(process.env.TEST_DIALECT === "postgres")("kill -9 under click load (SQLite)", () => {
  it("loses no acknowledged click and leaves an intact database", async () => {
    const db = createDatabase(file);
    await migrateToLatest(db);
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
    await db.destroy();
    const port = await freePort();
    const server = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "production",
        SESSION_SECRET: randomBytes(24).toString("hex"),
        DATABASE_URL: file,
      },
      stdio: "ignore",
    });
    await waitForUrl(`http://127.0.0.1:${port}/healthz`);
    let sent = 0;
    let acknowledged = 0;
    let stop = false;
    const worker = async (n: number) => {
      for (let i = 0; !stop; i++) {
        sent += 1;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/l/${link.code}`, {
            redirect: "manual",
            headers: { ...BROWSER_HEADERS, "X-Worker": `${n}-${i}` },
          });
          if (res.status === 302) acknowledged += 1;
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 20 }, (_, n) => worker(n));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    server.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    const sqlite = new SQLite(file);
    const stored = (
      sqlite.prepare("select (select count(*) from click_inbox) + (select count(*) from link_clicks) as n").get() as { n: number }
    ).n;
    const integrity = sqlite.pragma("integrity_check", { simple: true });
    sqlite.close();
    console.log(
      `kill -9 on SQLite: sent ${sent}, acknowledged ${acknowledged}, stored ${stored}, lost ${Math.max(0, acknowledged - stored)}; integrity_check ${integrity}`,
    );
    expect(acknowledged).toBeGreaterThan(100);
    expect(stored).toBeGreaterThanOrEqual(acknowledged);
    expect(stored).toBeLessThanOrEqual(sent);
    expect(integrity).toBe("ok");
  });
});
