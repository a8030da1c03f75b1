// Runs before every integration test file: a fresh database of the project's dialect, migrated.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";

const dialect = process.env.TEST_DIALECT === "postgres" ? "postgres" : "sqlite";
const suffix = `${process.pid}_${randomBytes(4).toString("hex")}`;
let cleanup: () => Promise<void>;

if (dialect === "postgres") {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
  const name = `altavoz_test_${suffix}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    // pg's Pool.end() resolves before its connections are gone; forcing the drop while one is still
    // closing makes its client report "terminating connection due to administrator command" as an
    // unhandled error. Wait (briefly) for them to leave first.
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
} else {
  const dir = path.resolve("tests/.tmp");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `test_${suffix}.sqlite`);
  process.env.DATABASE_URL = file;
  cleanup = async () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  };
}

await migrateToLatest(getDb());

afterAll(async () => {
  await closeDb();
  await cleanup();
});
