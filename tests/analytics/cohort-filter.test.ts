import { beforeAll, describe, expect, it } from "vitest";
import { cohortAmplificationTable, cohortParticipation } from "~/models/analytics/cohort-analytics.server";
import { recomputeRollups } from "~/models/analytics/rollup-recompute.server";
import { trend } from "~/models/analytics/trend.server";
import { formatLocalDate, localDate } from "~/models/core/periods";
import * as analyticsRoute from "~/routes/analytics";
import * as csvRoute from "~/routes/analytics[.csv]";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, type TestUser } from "../support/http";
import { createTestCohort } from "../cohorts/helpers";
import { expectTranslated } from "../support/i18n";

const DAY = 86_400_000;
// 2026-03-02 00:00 in Madrid
const START = Date.UTC(2026, 2, 1, 23);
const range = { start: START, end: START + 10 * DAY };
let a1: TestUser, b1: TestUser, editor: TestUser;
let cohort: string;
let n = 0;

async function share(userId: string, itemId: string, network: string, at: number, reach: number) {
  await db
    .insertInto("shares")
    .values({ id: `cf${++n}`, user_id: userId, item_id: itemId, network, created_at: at, reach, scored: 1 })
    .execute();
}

async function linkWithClicks(userId: string, itemId: string, at: number, count: number) {
  const id = `cfl${++n}`;
  await db
    .insertInto("tracked_links")
    .values({
      id,
      code: id,
      user_id: userId,
      item_id: itemId,
      network: "linkedin",
      destination_url: "https://example.com",
      click_points: 0,
      created_at: START,
    })
    .execute();
  for (let i = 0; i < count; i++)
    await db
      .insertInto("link_clicks")
      .values({
        link_id: id,
        clicked_at: at,
        day: formatLocalDate(localDate(at, "Europe/Madrid")),
        visitor_hash: `h${i}`,
        is_unique: 1,
        is_self: 0,
        counted: 1,
        points: 0,
      })
      .execute();
}

beforeAll(async () => {
  const deptA = await createTestDepartment("CF Ventas");
  a1 = await createTestUser({ departmentId: deptA, name: "CF A1" });
  await createTestUser({ departmentId: deptA, name: "CF A2" });
  b1 = await createTestUser({ name: "CF B1" });
  editor = await createTestUser({ roles: ["editor"] });
  for (const id of ["cf-item-1", "cf-item-2"])
    await db
      .insertInto("content_items")
      .values({
        id,
        title: id,
        destination_url: "https://example.com/a",
        language: "es",
        status: "published",
        created_at: START,
        updated_at: START,
      })
      .execute();
  await share(a1.id, "cf-item-1", "linkedin", START + DAY, 100);
  await share(a1.id, "cf-item-2", "x", START + 2 * DAY, 50);
  await share(b1.id, "cf-item-1", "linkedin", START + DAY, 1000); // outside the cohort
  await linkWithClicks(a1.id, "cf-item-1", START + DAY, 3);
  await linkWithClicks(b1.id, "cf-item-1", START + DAY, 7); // outside the cohort
  // The cohort: a1 listed by email (a2 is in a1's department but the cohort lists no department).
  cohort = await createTestCohort(editor.id, [a1.email], START, START + 30 * DAY);
  await recomputeRollups(db);
});

describe("analytics filtered by a cohort", () => {
  it("counts only the members' shares and the clicks on their links", async () => {
    const items = await cohortAmplificationTable(db, cohort, "items", range);
    expect(items.rows.map((r) => [r.key, r.shares, r.clicks, r.reach])).toEqual([
      ["cf-item-1", 1, 3, 100],
      ["cf-item-2", 1, 0, 50],
    ]);
    expect(items.total).toMatchObject({ shares: 2, clicks: 3, reach: 150 });
    const people = await cohortAmplificationTable(db, cohort, "people", range);
    expect(people.rows.map((r) => r.label)).toEqual(["CF A1"]);
    const networks = await cohortAmplificationTable(db, cohort, "networks", range);
    expect(networks.rows.map((r) => [r.key, r.shares, r.clicks])).toEqual([
      ["linkedin", 1, 3],
      ["x", 1, 0],
    ]);
    const departments = await cohortAmplificationTable(db, cohort, "departments", range);
    expect(departments.rows.map((r) => [r.label, r.shares, r.ambassadors, r.people])).toEqual([["CF Ventas", 2, 1, 1]]);
    expect(await cohortParticipation(db, cohort, range, "Europe/Madrid")).toMatchObject({ ambassadors: 1, onboarded: 1 });
    const over = await trend(db, range, "Europe/Madrid", { cohortId: cohort });
    expect(over.points.slice(0, 4).map((p) => [p.shares, p.clicks, p.ambassadors])).toEqual([
      [0, 0, 0],
      [1, 3, 1],
      [1, 0, 1],
      [0, 0, 0],
    ]);
  });

  it("goes through the page's loader and the CSV, and ignores an unknown cohort with a notice", async () => {
    const response = await call(
      analyticsRoute.loader,
      getRequest(`/analytics?from=2026-03-02&to=2026-03-11&cohort=${cohort}`, { cookie: editor.cookie }),
    );
    expect(response.status).toBe(200);
    const data = await jsonOf(response);
    expect(data.cohort).toMatchObject({ id: cohort, people: 1 });
    expect(data.summary).toMatchObject({ shares: "2", clicks: "3" });
    expect(data.channels).toBeNull();
    const unknown = await jsonOf(
      await call(analyticsRoute.loader, getRequest("/analytics?from=2026-03-02&to=2026-03-11&cohort=nope", { cookie: editor.cookie })),
    );
    expect(unknown.cohort).toBeNull();
    expect(unknown.notices).toEqual(["analytics.notices.unknownCohort"]);
    for (const notice of unknown.notices) expectTranslated(notice);
    expect(Number(unknown.summary.shares)).toBeGreaterThanOrEqual(3);
    const csv = await call(
      csvRoute.loader,
      getRequest(`/analytics.csv?table=people&from=2026-03-02&to=2026-03-11&cohort=${cohort}`, { cookie: editor.cookie }),
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("CF A1");
    expect(text).not.toContain("CF B1");
    const badCsv = await call(csvRoute.loader, getRequest("/analytics.csv?table=people&cohort=nope", { cookie: editor.cookie }));
    expect(badCsv.status).toBe(404);
  });
});
