// The batch writer's fast paths: counted clicks inserted through the connection under the batch's
// transaction (rolled back with it), and a written batch leaving the inbox without the rows after it.
import { beforeAll, describe, expect, it } from "vitest";
import { insertClickRows } from "~/models/sharing/click-rows.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { writeInboxBatch } from "~/runtime/click-writer.server";
import { db, getDb, rawHandle, sqliteOf } from "~/utils/db.server";
import { createTestUser } from "../support/http";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
let linkId: string;

beforeAll(async () => {
  const owner = await createTestUser();
  const link = await getOrCreateTrackedLink(db, {
    userId: owner.id,
    itemId: `click-rows-${Date.now()}`,
    network: "linkedin",
    destinationUrl: "https://example.com/news",
  });
  linkId = link.id;
});

const countClicks = async () =>
  Number(
    (
      await db
        .selectFrom("link_clicks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("link_id", "=", linkId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const row = (at: number) => ({
  link_id: linkId,
  clicked_at: at,
  day: "2026-12-02",
  visitor_hash: `v${at}`,
  is_unique: 0 as const,
  is_self: 0 as const,
  counted: 1 as const,
  points: 0,
});

describe("click rows", () => {
  it("finds the SQLite connection under a transaction, and none on PostgreSQL", async () => {
    const sqlite = rawHandle(getDb()).dialect === "sqlite";
    await db.transaction().execute(async (trx) => {
      expect(sqliteOf(trx) !== null).toBe(sqlite);
    });
  });

  it("commits and rolls back with the caller's transaction", async () => {
    const before = await countClicks();
    await db.transaction().execute((trx) => insertClickRows(trx, [row(1), row(2)]));
    expect(await countClicks()).toBe(before + 2);
    await expect(
      db.transaction().execute(async (trx) => {
        await insertClickRows(trx, [row(3)]);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await countClicks()).toBe(before + 2);
  });

  it("deletes only the inbox rows of the batch it wrote", async () => {
    await db.deleteFrom("click_inbox").execute();
    const base = Date.UTC(2026, 11, 2, 12);
    await db
      .insertInto("click_inbox")
      .values([0, 1, 2].map((i) => ({ link_id: linkId, clicked_at: base + i, ip: `10.0.0.${i}`, user_agent: BROWSER, session_id: null })))
      .execute();
    const summary = await writeInboxBatch(db, 2);
    expect(summary.clicks).toBe(2);
    const left = await db.selectFrom("click_inbox").select("clicked_at").execute();
    expect(left.map((r) => Number(r.clicked_at))).toEqual([base + 2]);
    expect((await writeInboxBatch(db, 2)).clicks).toBe(1);
    expect(await db.selectFrom("click_inbox").selectAll().execute()).toEqual([]);
  });
});
