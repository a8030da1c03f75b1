// Shares per entry channel come from channel_rollups, kept by the share's transaction: after random
// shares (every channel, times near midnight, a year end and a daylight-saving change) the running
// totals equal a rebuild from the shares, and the analytics figure never reads the shares table.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { SHARE_CHANNELS } from "#db/schema";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { parseLocalDate } from "~/models/core/dates";
import { rebuildChannelRollups, sharesByChannel } from "~/models/notifications/channels.server";
import { recordShare } from "~/models/sharing/shares.server";
import { db, getDb } from "~/utils/db.server";
import { ORIGIN, createTestUser } from "../support/http";
import { approvedItem, createActor } from "../content/helpers";
import { seededRandom as random } from "../support/random";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const itemIds: string[] = [];
const people: string[] = [];

async function snapshot() {
  const rows = await db.selectFrom("channel_rollups").selectAll().execute();
  return rows.map((r) => `${r.grain}|${r.period}|${r.channel}|${Number(r.shares)}`).sort();
}

beforeAll(async () => {
  const editor = await createActor(["editor"]);
  const reviewer = await createActor(["reviewer"]);
  for (let i = 0; i < 2; i++) itemIds.push(await approvedItem(editor, reviewer, { publishAt: Date.now() - HOUR }, Date.now() - 2 * HOUR));
  for (let i = 0; i < 3; i++) people.push((await createTestUser()).id);
});

async function scenario(seed: number, timeZone: string) {
  await db.deleteFrom("channel_rollups").execute();
  await db.deleteFrom("shares").execute();
  expect(await setOrganisationTimeZone(db, timeZone)).toBe(true);
  const r = random(seed);
  // 20 weeks from tomorrow: a year end and (in the northern zones) a daylight-saving change.
  const from = Math.ceil(Date.now() / DAY) * DAY;
  for (let step = 0; step < 60; step++) {
    const day = from + r.int(140) * DAY;
    const now = r.next() < 0.5 ? day + r.int(24) * HOUR + r.int(60) * 60_000 : day - HOUR + r.int(2 * HOUR);
    const result = await recordShare(db, {
      userId: r.pick(people),
      itemId: r.pick(itemIds),
      network: r.pick(["linkedin", "x", "facebook"] as const),
      text: "Hola",
      origin: ORIGIN,
      channel: r.pick(SHARE_CHANNELS),
      now,
    });
    expect(result.ok).toBe(true);
  }
  const incremental = await snapshot();
  expect(incremental.length).toBeGreaterThan(60);
  const rebuilt = await rebuildChannelRollups(db);
  expect(await snapshot()).toEqual(incremental);
  expect(rebuilt).toBe(incremental.length);
  return { from, timeZone };
}

async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const executor = getDb().getExecutor();
  const statements: string[] = [];
  const original = executor.executeQuery.bind(executor);
  const spy = vi.spyOn(executor, "executeQuery").mockImplementation((query) => {
    statements.push(query.sql);
    return original(query);
  });
  try {
    return { result: await work(), statements };
  } finally {
    spy.mockRestore();
  }
}

/** Shares whose created_at lies in the range, counted from the shares themselves. */
async function countedFromShares(range: { start: number; end: number }) {
  const rows = await db
    .selectFrom("shares")
    .select(["channel", (eb) => eb.fn.countAll<number>().as("n")])
    .where("created_at", ">=", range.start)
    .where("created_at", "<", range.end)
    .groupBy("channel")
    .execute();
  return SHARE_CHANNELS.map((channel) => ({ channel, shares: Number(rows.find((row) => row.channel === channel)?.n ?? 0) }));
}

describe("shares per channel are running totals equal to a rebuild", () => {
  it.each([
    [21, "Europe/Madrid"],
    [22, "America/New_York"],
    [23, "Asia/Kathmandu"],
  ])(
    "after a random sequence (seed %i, %s), and any range of whole days reads them without the shares",
    async (seed, timeZone) => {
      const { from } = await scenario(seed, timeZone);
      const day = (offset: number) => new Date(from + offset * DAY).toISOString().slice(0, 10);
      for (const [a, b] of [
        [0, 140],
        [3, 40],
        [30, 31],
        [55, 130],
      ]) {
        const range = { start: parseLocalDate(day(a), timeZone)!, end: parseLocalDate(day(b), timeZone, 1)! };
        const { result, statements } = await statementsDuring(() => sharesByChannel(db, range));
        expect(statements.some((s) => /from "shares"/.test(s))).toBe(false);
        expect(result).toEqual(await countedFromShares(range));
      }
    },
    120_000,
  );

  it("an empty history rebuilds to nothing", async () => {
    await db.deleteFrom("channel_rollups").execute();
    await db.deleteFrom("shares").execute();
    expect(await rebuildChannelRollups(db)).toBe(0);
    expect((await sharesByChannel(db, { start: 0, end: Date.now() })).every((c) => c.shares === 0)).toBe(true);
  });
});
