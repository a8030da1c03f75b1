import { afterAll, describe, expect, it } from "vitest";
import { consumeThrottle } from "~/utils/db-throttle.server";
import { createDatabase, db } from "~/utils/db.server";

// A second Kysely instance on the same database stands in for a second app instance.
const other = createDatabase(process.env.DATABASE_URL);
afterAll(() => other.destroy());

describe("the database throttle", () => {
  it("lets exactly `max` attempts through per window when two instances hit the same key at once", async () => {
    const limit = { max: 5, windowMs: 60_000 };
    const now = Date.now();
    const attempts = Array.from({ length: 20 }, (_, i) => consumeThrottle(i % 2 ? other : db, "two-instances", limit, now));
    const results = await Promise.all(attempts);
    expect(results.filter(Boolean)).toHaveLength(5);
  });

  it("opens again in the next window and forgets the old one", async () => {
    const limit = { max: 1, windowMs: 60_000 };
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    expect(await consumeThrottle(db, "windows", limit, start)).toBe(true);
    expect(await consumeThrottle(db, "windows", limit, start + 10)).toBe(false);
    expect(await consumeThrottle(db, "windows", limit, start + 60_000)).toBe(true);
    const rows = await db.selectFrom("throttle_windows").select("window_start").where("key", "=", "windows").execute();
    expect(rows.map((r) => r.window_start)).toEqual([start + 60_000]);
  });
});
