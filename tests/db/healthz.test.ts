import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as healthz from "~/routes/healthz";
import { closeDb } from "~/utils/db.server";
import { call, getRequest, jsonOf } from "../support/http";

const liveUrl = process.env.DATABASE_URL;
const tempDirs: string[] = [];

afterEach(async () => {
  // Back to the test database for whatever runs next.
  await closeDb();
  process.env.DATABASE_URL = liveUrl;
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("/healthz", () => {
  it("answers 200 when the database answers", async () => {
    const response = await call(healthz.loader, getRequest("/healthz"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await jsonOf(response)).toEqual({ status: "ok", database: true });
  });

  it("answers 503 when the database is unreachable", async () => {
    await closeDb();
    // A PostgreSQL port nobody listens on: the pool cannot connect.
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/altavoz";
    const response = await call(healthz.loader, getRequest("/healthz"));
    expect(response.status).toBe(503);
    expect(await jsonOf(response)).toEqual({ status: "unavailable", database: false });
  });

  it("answers 503 when the SQLite file cannot be opened", async () => {
    await closeDb();
    // The parent "directory" is a regular file, so the database cannot be created.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "altavoz-health-"));
    tempDirs.push(dir);
    const blocker = path.join(dir, "not-a-directory");
    fs.writeFileSync(blocker, "");
    process.env.DATABASE_URL = path.join(blocker, "db.sqlite");
    const response = await call(healthz.loader, getRequest("/healthz"));
    expect(response.status).toBe(503);
    expect((await jsonOf(response)).database).toBe(false);
  });
});
