// Two batch writers (two instances' connection pools) on one PostgreSQL database racing over the
// same inbox: every click written exactly once, and the per-link point cap held.
import { afterAll, describe, expect, it } from "vitest";
import { getPointScheme, totalPoints, updatePointScheme } from "~/models/scoring/points.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { writeInboxBatch } from "~/runtime/click-writer.server";
import { createDatabase, getDb } from "~/utils/db.server";
import { createTestUser } from "../support/http";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const postgres = process.env.TEST_DIALECT === "postgres";

describe.skipIf(!postgres)("two click writers on one PostgreSQL database", () => {
  const second = postgres ? createDatabase(process.env.DATABASE_URL) : null;
  afterAll(async () => second?.destroy());

  it("write every click once and never pass a link's cap", async () => {
    const db = getDb();
    const admin = await createTestUser({ roles: ["admin"] });
    const owner = await createTestUser();
    const scheme = await getPointScheme(db);
    await updatePointScheme(db, { ...scheme, unique_click: { points: 1, cap: 20 } }, admin.id, Date.now() - 60_000);
    await db
      .insertInto("content_items")
      .values({
        id: "race-item",
        title: "race",
        destination_url: "https://example.com/",
        language: "es",
        status: "published",
        publish_at: 0,
        expire_at: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const link = await getOrCreateTrackedLink(db, {
      userId: owner.id,
      itemId: "race-item",
      network: "linkedin",
      destinationUrl: "https://example.com/",
    });
    const now = Date.now();
    const rows = Array.from({ length: 240 }, (_, i) => ({
      link_id: link.id,
      clicked_at: now + i,
      ip: `198.51.${Math.floor(i / 200)}.${i % 200}`,
      user_agent: BROWSER,
      session_id: null,
    }));
    await db.insertInto("click_inbox").values(rows).execute();

    const drain = async (database: typeof db) => {
      let written = 0;
      for (let n = -1; n !== 0; written += n) n = (await writeInboxBatch(database, 15)).clicks;
      return written;
    };
    const [a, b] = await Promise.all([drain(db), drain(second!)]);
    console.log(`two writers: ${a} + ${b} clicks written of 240 in the inbox`);
    expect(a + b).toBe(240);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const clicks = await db
      .selectFrom("link_clicks")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("points").as("p")])
      .where("link_id", "=", link.id)
      .executeTakeFirstOrThrow();
    expect(Number(clicks.n)).toBe(240);
    expect(Number(clicks.p)).toBe(20);
    const stored = await db.selectFrom("tracked_links").select("click_points").where("id", "=", link.id).executeTakeFirstOrThrow();
    expect(stored.click_points).toBe(20);
    expect(await totalPoints(db, owner.id)).toBe(20);
    expect((await db.selectFrom("click_inbox").select("id").execute()).length).toBe(0);
  });
});
