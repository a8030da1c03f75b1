import { describe, expect, it } from "vitest";
import { getLeaderboard, getPersonalTrend, rankOf, setLeaderboardOptOut } from "~/models/scoring/leaderboard.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { deactivateUser, updatePerson } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { createTestDepartment, createTestUser } from "../support/http";
import { award, madrid } from "./helpers";

async function people(n: number, departmentId: string) {
  const list = [];
  for (let i = 0; i < n; i++) list.push(await createTestUser({ departmentId, name: `P${i}` }));
  return list;
}

/** Ties come in id order; compare them by name. */
const sorted = <T extends { rank: number; name: string | null }>(rows: T[]) =>
  [...rows].sort((x, y) => x.rank - y.rank || String(x.name).localeCompare(String(y.name)));

const board = (departmentId: string, at: number, extra: Partial<Parameters<typeof getLeaderboard>[1]> = {}) =>
  getLeaderboard(db, { period: "week", scope: { departmentId }, metric: "points", viewerId: null, viewerCanSeeNames: false, at, ...extra });

describe("leaderboard ranking", () => {
  it("ranks ties 1, 2, 2, 4 and leaves out zero values", async () => {
    const dept = await createTestDepartment();
    const [a, b, c, d, e] = await people(5, dept);
    const at = madrid(2026, 3, 4); // Wednesday
    await award(a.id, 50, at);
    await award(b.id, 30, at);
    await award(c.id, 30, at);
    await award(d.id, 10, at);
    await award(e.id, 5, at, "share");
    await award(e.id, -5, at + 1000); // back to 0 points: on the points board no more
    const result = (await board(dept, at))!;
    expect(sorted(result.rows).map((r) => [r.name, r.rank, r.value])).toEqual([
      ["P0", 1, 50],
      ["P1", 2, 30],
      ["P2", 2, 30],
      ["P3", 4, 10],
    ]);
    const shares = (await board(dept, at, { metric: "shares" }))!;
    expect(shares.rows.map((r) => [r.name, r.rank, r.value])).toEqual([["P4", 1, 1]]);
    // rank by COUNT of strictly greater values agrees with the list
    const slice = { kind: "week" as const, key: result.periodKey, departmentId: dept, metric: "points" as const };
    expect(await rankOf(db, slice, 30)).toBe(2);
    expect(await rankOf(db, slice, 10)).toBe(4);
    expect(await rankOf(db, slice, 9)).toBe(5);
  });

  it("cuts at the limit, shows my row outside the top with its rank and movement", async () => {
    const dept = await createTestDepartment();
    const list = await people(6, dept);
    const lastWeek = madrid(2026, 4, 8);
    const thisWeek = madrid(2026, 4, 15);
    // last week: P5 first (rank 1), P0 and P1 tied second, P2 fourth
    for (const [i, p] of [
      [5, 100],
      [0, 40],
      [1, 40],
      [2, 10],
    ] as const)
      await award(list[i].id, p, lastWeek);
    // this week: P0 60, P1 50, P2 50, P3 20, P4 15, P5 5
    for (const [i, p] of [
      [0, 60],
      [1, 50],
      [2, 50],
      [3, 20],
      [4, 15],
      [5, 5],
    ] as const)
      await award(list[i].id, p, thisWeek);
    const result = (await board(dept, thisWeek, { limit: 3, viewerId: list[5].id }))!;
    expect(sorted(result.rows).map((r) => [r.name, r.rank, r.previousRank, r.movement])).toEqual([
      ["P0", 1, 2, 1],
      ["P1", 2, 2, 0],
      ["P2", 2, 4, 2],
    ]);
    expect(result.viewerInTop).toBe(false);
    expect(result.viewer).toMatchObject({ name: "P5", rank: 6, value: 5, previousRank: 1, movement: -5, isViewer: true });
    // a person with nothing last week has no movement; the all-time board has no movement at all
    const mine = (await board(dept, thisWeek, { limit: 3, viewerId: list[3].id }))!;
    expect(mine.viewer).toMatchObject({ rank: 4, previousRank: null, movement: null });
    const allTime = (await getLeaderboard(db, {
      period: "all",
      scope: { departmentId: dept },
      metric: "points",
      viewerId: list[3].id,
      viewerCanSeeNames: false,
      limit: 2,
    }))!;
    expect(allTime.rows.map((r) => [r.name, r.rank, r.value, r.movement])).toEqual([
      ["P5", 1, 105, null],
      ["P0", 2, 100, null],
    ]);
    expect(allTime.viewer).toMatchObject({ rank: 5, value: 20, movement: null });
    // a viewer with nothing in the period has no row
    const newcomer = await createTestUser({ departmentId: dept });
    expect((await board(dept, thisWeek, { viewerId: newcomer.id }))!.viewer).toBeNull();
  });

  it("puts Sunday 23:30 in Madrid in that week and Monday 00:30 in the next, in the organisation's zone", async () => {
    const dept = await createTestDepartment();
    const [a, b] = await people(2, dept);
    const sundayNight = madrid(2026, 11, 22, 23, 30); // 22:30 UTC
    const mondayEarly = madrid(2026, 11, 23, 0, 30); // 23:30 UTC, still Sunday in UTC
    await award(a.id, 7, sundayNight);
    await award(b.id, 9, mondayEarly);
    const week1 = (await board(dept, madrid(2026, 11, 18)))!;
    expect(week1.periodKey).toBe("2026-11-16");
    expect(week1.rows.map((r) => [r.name, r.value])).toEqual([["P0", 7]]);
    const week2 = (await board(dept, madrid(2026, 11, 25)))!;
    expect(week2.periodKey).toBe("2026-11-23");
    expect(week2.rows.map((r) => [r.name, r.value])).toEqual([["P1", 9]]);
    // months and quarters follow the same zone: 31 December 23:30 in Madrid is still December
    await award(a.id, 3, madrid(2026, 12, 31, 23, 30));
    const december = (await getLeaderboard(db, {
      period: "month",
      scope: { departmentId: dept },
      metric: "points",
      viewerId: null,
      viewerCanSeeNames: false,
      at: madrid(2026, 12, 15),
    }))!;
    expect(december.rows.map((r) => [r.name, r.value])).toEqual([["P0", 3]]);
    const q1 = (await getLeaderboard(db, {
      period: "quarter",
      scope: { departmentId: dept },
      metric: "points",
      viewerId: null,
      viewerCanSeeNames: false,
      at: madrid(2027, 1, 15),
    }))!;
    expect(q1.rows).toEqual([]);
  });

  it("uses the organisation's configured time zone for new events", async () => {
    const dept = await createTestDepartment();
    const [a] = await people(1, dept);
    expect(await setOrganisationTimeZone(db, "America/New_York")).toBe(true);
    try {
      // Monday 2026-06-01 02:00 UTC is still Sunday 31 May in New York: the week of 25 May.
      await award(a.id, 4, Date.UTC(2026, 5, 1, 2));
      const result = (await board(dept, Date.UTC(2026, 4, 28, 12)))!;
      expect(result.periodKey).toBe("2026-05-25");
      expect(result.rows.map((r) => r.value)).toEqual([4]);
    } finally {
      await setOrganisationTimeZone(db, "Europe/Madrid");
    }
  });

  it("scopes to a department and follows people who move", async () => {
    const sales = await createTestDepartment();
    const legal = await createTestDepartment();
    const [s1, s2] = await people(2, sales);
    const [l1] = await people(1, legal);
    const at = madrid(2026, 5, 6);
    await award(s1.id, 10, at);
    await award(s2.id, 20, at);
    await award(l1.id, 30, at);
    expect((await board(sales, at))!.rows.map((r) => r.value)).toEqual([20, 10]);
    expect((await board(legal, at))!.rows.map((r) => r.value)).toEqual([30]);
    const company = (await getLeaderboard(db, { period: "week", metric: "points", viewerId: null, viewerCanSeeNames: false, at }))!;
    expect(company.rows.map((r) => r.value)).toEqual([30, 20, 10]);
    await updatePerson(db, s2.id, { name: "P1", departmentId: legal, roles: ["employee"] });
    expect((await board(sales, at))!.rows.map((r) => r.value)).toEqual([10]);
    expect((await board(legal, at))!.rows.map((r) => [r.value, r.rank, r.departmentName])).toEqual([
      [30, 1, expect.any(String)],
      [20, 2, expect.any(String)],
    ]);
  });

  it("anonymises people who opted out, except to themselves and to HR/comms/admin, and still counts them", async () => {
    const dept = await createTestDepartment();
    const [shy, other] = await people(2, dept);
    const at = madrid(2026, 6, 10, 12, 0, 2);
    await award(shy.id, 40, at);
    await award(other.id, 20, at);
    await setLeaderboardOptOut(db, shy.id, true);
    const publicView = (await board(dept, at, { viewerId: other.id }))!;
    expect(publicView.rows[0]).toMatchObject({ rank: 1, value: 40, name: null, departmentName: null, anonymised: true, optedOut: false });
    expect(publicView.rows[0].key).not.toContain(shy.id);
    expect(JSON.stringify(publicView)).not.toContain(shy.id);
    expect(publicView.rows[1]).toMatchObject({ rank: 2, name: "P1", isViewer: true });
    const own = (await board(dept, at, { viewerId: shy.id }))!;
    expect(own.rows[0]).toMatchObject({ name: "P0", anonymised: false, isViewer: true });
    const hr = (await board(dept, at, { viewerCanSeeNames: true }))!;
    expect(hr.rows[0]).toMatchObject({ name: "P0", anonymised: false, optedOut: true });
    await setLeaderboardOptOut(db, shy.id, false);
    expect((await board(dept, at, { viewerId: other.id }))!.rows[0]).toMatchObject({ name: "P0", anonymised: false });
  });

  it("leaves deactivated people out of the board and out of everyone's rank", async () => {
    const dept = await createTestDepartment();
    const [gone, a, b] = await people(3, dept);
    const at = madrid(2026, 7, 8, 12, 0, 2);
    await award(gone.id, 90, at);
    await award(a.id, 50, at);
    await award(b.id, 10, at);
    await deactivateUser(db, gone.id);
    const result = (await board(dept, at, { limit: 1, viewerId: b.id }))!;
    expect(result.rows.map((r) => [r.name, r.rank])).toEqual([["P1", 1]]);
    expect(result.viewer).toMatchObject({ name: "P2", rank: 2 });
  });

  it("draws the viewer's last weeks from their own week buckets", async () => {
    const dept = await createTestDepartment();
    const [a] = await people(1, dept);
    await award(a.id, 5, madrid(2026, 9, 2, 12, 0, 2), "share");
    await award(a.id, 8, madrid(2026, 9, 16, 12, 0, 2));
    const trend = await getPersonalTrend(db, a.id, 4, madrid(2026, 9, 17, 12, 0, 2));
    expect(trend.map((w) => [w.week, w.points, w.shares])).toEqual([
      ["2026-08-24", 0, 0],
      ["2026-08-31", 5, 1],
      ["2026-09-07", 0, 0],
      ["2026-09-14", 8, 0],
    ]);
  });

  it("answers null for an unknown campaign", async () => {
    expect(
      await getLeaderboard(db, { period: { campaignId: "nope" }, metric: "points", viewerId: null, viewerCanSeeNames: false }),
    ).toBeNull();
  });
});
