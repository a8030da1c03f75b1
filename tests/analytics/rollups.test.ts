import { describe, expect, it } from "vitest";
import { recomputeRollups } from "~/models/analytics/rollup-recompute.server";
import { addShareToRollups } from "~/models/analytics/rollups.server";
import { addDays, blocksBetween, boundingPeriods, dayLabeller, daysOf, periodsOfDay } from "~/models/analytics/rollup-periods";
import { sharersBetween } from "~/models/analytics/sharing-gaps.server";
import { createCampaign } from "~/models/content/campaigns.server";
import { processClicks } from "~/models/sharing/clicks.server";
import { createContentItem, updateContentItem, type ContentInput } from "~/models/content/items.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { updatePerson } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { up as addYearGrain } from "#db/migrations/2026-12-06T3000_rollup_year_grain";
import { up as addRunningTotals } from "#db/migrations/2026-12-07T1020_share_running_totals";
import { up as addItemAnyNetworkRows } from "#db/migrations/2026-12-07T1030_item_any_network_rollups";
import { createTestDepartment, createTestUser } from "../support/http";
import { seededRandom as random } from "../support/random";

async function snapshot() {
  const rows = await db.selectFrom("analytics_rollups").selectAll().execute();
  return rows
    .map(
      (r) =>
        `${r.dimension}|${r.grain}|${r.period}|${r.key}|${r.network}|${r.shares}|${r.reach}|${r.clicks}|${r.unique_clicks}|${r.ambassadors}`,
    )
    .sort();
}

async function personItemSnapshot() {
  const rows = await db.selectFrom("person_item_rollups").selectAll().execute();
  return rows
    .map((r) => `${r.user_id}|${r.grain}|${r.period}|${r.item_id}|${r.network}|${r.shares}|${r.reach}|${r.clicks}|${r.unique_clicks}`)
    .sort();
}

async function runningTotalsSnapshot() {
  const rows = await db.selectFrom("share_running_totals").selectAll().execute();
  return rows.map((r) => `${r.dimension}|${r.key}|${r.day}|${r.shares_to_date}`).sort();
}

async function gapsSnapshot() {
  const rows = await db.selectFrom("sharing_gaps").selectAll().execute();
  return rows.map((r) => `${r.scope}|${r.key}|${r.prev_day}|${r.next_day}|${r.people}`).sort();
}

/** People who shared in [from, to], by everyone ("") and by current department, counted from the shares themselves. */
async function sharersFromShares(timeZone: string, from: string, to: string) {
  const dayOf = dayLabeller(timeZone);
  const shares = await db
    .selectFrom("shares")
    .innerJoin("users", "users.id", "shares.user_id")
    .select(["shares.user_id", "shares.created_at", "users.department_id"])
    .execute();
  const people = { all: new Map<string, Set<string>>(), department: new Map<string, Set<string>>() };
  for (const s of shares) {
    const day = dayOf(Number(s.created_at));
    if (day < from || day > to) continue;
    for (const [scope, key] of [
      ["all", ""],
      ["department", s.department_id ?? ""],
    ] as const) {
      const set = people[scope].get(key) ?? new Set<string>();
      people[scope].set(key, set.add(s.user_id));
    }
  }
  const count = (m: Map<string, Set<string>>) => new Map([...m].map(([k, v]) => [k, v.size]));
  return { all: count(people.all), department: count(people.department) };
}

const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, n]) => n !== 0));

async function wipe() {
  for (const table of [
    "sessions",
    "analytics_rollups",
    "person_item_rollups",
    "sharing_gaps",
    "share_running_totals",
    "score_buckets",
    "points_ledger",
    "link_clicks",
    "link_visitors",
    "shares",
    "tracked_links",
  ] as const)
    await db.deleteFrom(table).execute();
  await db.deleteFrom("content_transitions").execute();
  await db.deleteFrom("content_share_texts").execute();
  await db.deleteFrom("content_items").execute();
  await db.deleteFrom("campaigns").execute();
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

const input = (campaignId: string | null): ContentInput => ({
  title: "Rollup item",
  commentary: "Text",
  destinationUrl: "https://example.com/a",
  imageUrl: null,
  language: "es",
  campaignId,
  topics: [],
  hashtags: [],
  departmentIds: [],
  publishAt: null,
  expireAt: null,
  shareTexts: {},
});

async function scenario(seed: number, timeZone: string) {
  await wipe();
  expect(await setOrganisationTimeZone(db, timeZone)).toBe(true);
  const r = random(seed);
  const departments = [await createTestDepartment(), await createTestDepartment(), null];
  const editor = await createTestUser({ roles: ["editor", "admin"] });
  const actor = { id: editor.id, roles: ["editor", "admin"] as const };
  const people: { id: string }[] = [];
  for (let i = 0; i < 6; i++) people.push(await createTestUser({ departmentId: r.pick(departments), name: `R${i}` }));
  // 20 weeks around a year end and a daylight-saving change, events often near midnight
  const from = Date.UTC(2025, 9, 20);
  const span = 20 * 7 * DAY;
  const when = () => {
    const day = from + r.int(span / DAY) * DAY;
    return r.next() < 0.5 ? day + r.int(24) * HOUR + r.int(60) * 60_000 : day - HOUR + r.int(3 * HOUR);
  };
  const campaigns = [null as string | null];
  for (let i = 0; i < 2; i++)
    campaigns.push(
      await createCampaign(db, editor.id, {
        name: `C${i}`,
        description: "",
        goal: null,
        goalShares: 10,
        startsAt: from,
        endsAt: from + span,
      }),
    );
  const items: string[] = [];
  for (let i = 0; i < 4; i++) {
    const created = await createContentItem(db, actor, input(r.pick(campaigns)));
    if (!created.ok) throw new Error(created.error);
    items.push(created.id);
  }
  const links: { id: string; userId: string; itemId: string; network: string }[] = [];
  for (let i = 0; i < 8; i++) {
    const userId = r.pick(people).id;
    const itemId = r.pick(items);
    const network = r.pick(["linkedin", "x"] as const);
    const link = await getOrCreateTrackedLink(db, { userId, itemId, network, destinationUrl: "https://example.com/a" });
    links.push({ id: link.id, userId, itemId, network });
  }
  // Some clicks come from the sharer's own session: they are kept but never counted.
  const sessions = new Map<string, string>();
  for (const person of people) {
    await db
      .insertInto("sessions")
      .values({ id: `self-${person.id}`, user_id: person.id, expires_at: Date.now() + DAY, created_at: Date.now() })
      .execute();
    sessions.set(person.id, `self-${person.id}`);
  }

  for (let step = 0; step < 150; step++) {
    const roll = r.next();
    if (roll < 0.4) {
      const link = r.pick(links);
      const at = when();
      const scored = r.next() < 0.7;
      const reach = r.int(500);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("shares")
          .values({
            id: `s${step}`,
            user_id: link.userId,
            item_id: link.itemId,
            network: link.network,
            created_at: at,
            link_id: link.id,
            reach,
            scored: scored ? 1 : 0,
          })
          .execute();
        await addShareToRollups(trx, { userId: link.userId, itemId: link.itemId, network: link.network, at, reach, scored });
      });
    } else if (roll < 0.75) {
      const batch = Array.from({ length: 1 + r.int(5) }, () => {
        const link = r.pick(links);
        return {
          linkId: link.id,
          at: when(),
          ip: `198.51.100.${r.int(6)}`,
          userAgent: "Mozilla/5.0 test",
          sessionId: r.next() < 0.15 ? (sessions.get(link.userId) ?? null) : null,
        };
      });
      await processClicks(db, batch);
    } else if (roll < 0.88) {
      const person = r.pick(people);
      await updatePerson(db, person.id, { name: "Moved", departmentId: r.pick(departments), roles: ["employee"] });
    } else {
      const itemId = r.pick(items);
      const result = await updateContentItem(db, actor, itemId, input(r.pick(campaigns)));
      expect(result.ok).toBe(true);
    }
  }
  const incrementalGaps = await gapsSnapshot();
  expect(incrementalGaps.length).toBeGreaterThan(10);
  for (let i = 0; i < 12; i++) {
    const start = addDays("2025-10-19", r.int(150));
    const end = addDays(start, r.int(60));
    const expected = await sharersFromShares(timeZone, start, end);
    expect(nonZero(await sharersBetween(db, "all", start, end))).toEqual(expected.all);
    expect(nonZero(await sharersBetween(db, "department", start, end))).toEqual(expected.department);
  }
  const incremental = await snapshot();
  expect(incremental.length).toBeGreaterThan(100);
  expect(incremental.some((row) => row.startsWith("department|"))).toBe(true);
  expect(await db.selectFrom("link_clicks").select("id").where("is_self", "=", 1).executeTakeFirst()).toBeDefined();
  const personItems = await personItemSnapshot();
  expect(personItems.length).toBeGreaterThan(20);
  const runningTotals = await runningTotalsSnapshot();
  expect(runningTotals.some((row) => row.startsWith("person|"))).toBe(true);
  expect(runningTotals.some((row) => row.startsWith("item|"))).toBe(true);
  // The sequence spans two calendar years, each with its own year rows.
  expect(new Set(incremental.filter((row) => row.startsWith("all|year|")).map((row) => row.split("|")[2]))).toEqual(
    new Set(["2025", "2026"]),
  );
  // The migration that added the year grain sums existing months into the same year rows.
  await db.deleteFrom("analytics_rollups").where("grain", "=", "year").execute();
  await db.deleteFrom("person_item_rollups").where("grain", "=", "year").execute();
  await addYearGrain(db);
  expect(await snapshot()).toEqual(incremental);
  expect(await personItemSnapshot()).toEqual(personItems);
  const count = await recomputeRollups(db);
  expect(await personItemSnapshot()).toEqual(personItems);
  const recomputed = await snapshot();
  expect(count).toBe(recomputed.length);
  expect(recomputed).toEqual(incremental);
  expect(await gapsSnapshot()).toEqual(incrementalGaps);
  expect(await runningTotalsSnapshot()).toEqual(runningTotals);
  // The migration that added the items' any-network rows sums their network rows into the same rows.
  expect(recomputed.some((row) => row.startsWith("item|day|") && row.split("|")[4] === "")).toBe(true);
  await db.deleteFrom("analytics_rollups").where("dimension", "=", "item").where("network", "=", "").execute();
  await addItemAnyNetworkRows(db);
  expect(await snapshot()).toEqual(incremental);
  // The migration that added the running totals builds the same rows from the day rows.
  await db.deleteFrom("share_running_totals").execute();
  await db.schema.dropTable("share_running_totals").execute();
  await addRunningTotals(db);
  expect(await runningTotalsSnapshot()).toEqual(runningTotals);
}

describe("analytics rollups equal a full recomputation from shares and clicks", () => {
  it("after a random sequence in Madrid", async () => {
    await scenario(11, "Europe/Madrid");
  }, 180_000);
  it("after a random sequence in New York", async () => {
    await scenario(12, "America/New_York");
  }, 180_000);
  it("after a random sequence in Kathmandu (a quarter-hour offset)", async () => {
    await scenario(13, "Asia/Kathmandu");
  }, 180_000);

  it("recomputes an empty organisation to nothing", async () => {
    await wipe();
    expect(await recomputeRollups(db)).toBe(0);
    expect(await gapsSnapshot()).toEqual([]);
  });
});

describe("a range of days is read as whole months, weeks and days", () => {
  it("covers the range exactly, with no overlap", () => {
    expect(blocksBetween("2026-03-01", "2026-03-31")).toEqual([{ grain: "month", period: "2026-03" }]);
    const year = blocksBetween("2025-11-19", "2026-11-18");
    expect(year.length).toBeLessThan(30);
    expect(year.filter((b) => b.grain === "month")).toHaveLength(11);
    // Wednesday 4 March to Tuesday 17 March 2026: 5 days, one week (9–15), 2 days
    expect(blocksBetween("2026-03-04", "2026-03-17")).toEqual([
      { grain: "day", period: "2026-03-04" },
      { grain: "day", period: "2026-03-05" },
      { grain: "day", period: "2026-03-06" },
      { grain: "day", period: "2026-03-07" },
      { grain: "day", period: "2026-03-08" },
      { grain: "week", period: "2026-03-09" },
      { grain: "day", period: "2026-03-16" },
      { grain: "day", period: "2026-03-17" },
    ]);
    expect(blocksBetween("2026-03-05", "2026-03-04")).toEqual([]);
  });

  it("answers a range asked again the same, whatever a caller did with the blocks it was given", () => {
    const first = blocksBetween("2026-02-25", "2026-04-02");
    const copy = structuredClone(first);
    first[0].period = "changed";
    first.push({ grain: "year", period: "1999" });
    expect(blocksBetween("2026-02-25", "2026-04-02")).toEqual(copy);
  });

  it("reads a calendar year as one block and prefers days up to a month's first day to a week across it", () => {
    expect(blocksBetween("2025-01-01", "2025-12-31")).toEqual([{ grain: "year", period: "2025" }]);
    expect(blocksBetween("2024-12-31", "2026-01-01")).toEqual([
      { grain: "day", period: "2024-12-31" },
      { grain: "year", period: "2025" },
      { grain: "day", period: "2026-01-01" },
    ]);
    // Wednesday 4 March to Thursday 30 April 2026: 5 days, 3 weeks, 30 and 31 March, April (the
    // week from Monday 30 March would cross into April and cost 3 weeks and 4 days more).
    expect(blocksBetween("2026-03-04", "2026-04-30")).toEqual([
      ...["04", "05", "06", "07", "08"].map((d) => ({ grain: "day", period: `2026-03-${d}` })),
      ...["09", "16", "23"].map((d) => ({ grain: "week", period: `2026-03-${d}` })),
      { grain: "day", period: "2026-03-30" },
      { grain: "day", period: "2026-03-31" },
      { grain: "month", period: "2026-04" },
    ]);
  });

  it("covers random ranges exactly: the blocks' period totals add up to the day-by-day sum, with the fewest blocks", () => {
    const r = random(99);
    const first = "2023-12-01";
    const value = new Map<string, number>();
    const periodTotals = new Map<string, number>();
    for (let i = 0; i < 1_200; i++) {
      const day = addDays(first, i);
      const v = 1 + r.int(1_000_000);
      value.set(day, v);
      for (const p of periodsOfDay(day)) periodTotals.set(`${p.grain}|${p.period}`, (periodTotals.get(`${p.grain}|${p.period}`) ?? 0) + v);
    }
    for (let i = 0; i < 400; i++) {
      const from = addDays(first, r.int(1_000));
      const to = addDays(from, r.int(i < 100 ? 40 : 800));
      if (to > addDays(first, 1_199)) continue;
      const blocks = blocksBetween(from, to);
      let direct = 0;
      const days: string[] = [];
      for (let day = from; day <= to; day = addDays(day, 1)) {
        direct += value.get(day)!;
        days.push(day);
      }
      expect(
        blocks.reduce((sum, b) => sum + periodTotals.get(`${b.grain}|${b.period}`)!, 0),
        `${from} ${to}`,
      ).toBe(direct);
      // In order, each block starting the day after the previous one ends: no gap and no overlap.
      const covered = blocks.flatMap((b) => {
        const { first: start, last } = daysOf(b);
        const list: string[] = [];
        for (let day = start; day <= last; day = addDays(day, 1)) list.push(day);
        return list;
      });
      expect(covered, `${from} ${to}`).toEqual(days);
      expect(blocks.length, `${from} ${to}`).toBeLessThanOrEqual(greedy(from, to));
      // The bounding periods (for finding the top rows) hold every day of the range.
      const bounds = boundingPeriods(from, to).map(daysOf);
      expect(
        days.filter((day) => !bounds.some((b) => b.first <= day && day <= b.last)),
        `${from} ${to}`,
      ).toEqual([]);
    }
  });
});

/** The previous cover, coarsest block that fits first: never fewer blocks than blocksBetween. */
function greedy(from: string, to: string): number {
  let n = 0;
  for (let day = from; day <= to; n++) {
    const fits = periodsOfDay(day)
      .reverse()
      .map((p) => daysOf(p))
      .find((d) => d.first === day && d.last <= to);
    day = addDays(fits!.last, 1);
  }
  return n;
}
