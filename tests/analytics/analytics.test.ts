import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { setEmvRates, DEFAULT_EMV_RATES, setFollowerCounts } from "~/models/sharing/amplification.server";
import { amplificationTable, participation } from "~/models/analytics/queries.server";
import { trend, trendBuckets } from "~/models/analytics/trend.server";
import { parseRange } from "~/models/analytics/present.server";
import { recomputeRollups } from "~/models/analytics/rollup-recompute.server";
import { formatLocalDate, localDate } from "~/models/core/periods";
import * as analyticsRoute from "~/routes/analytics";
import * as csvRoute from "~/routes/analytics[.csv]";
import { deactivateUser, reactivateUser } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, type TestUser } from "../support/http";
import { resources } from "~/locales";
import { expectTranslated } from "../support/i18n";

const DAY = 86_400_000;
// 2026-03-02 00:00 in Madrid (UTC+1) is 2026-03-01 23:00 UTC
const START = Date.UTC(2026, 2, 1, 23);
const range = { start: START, end: START + 10 * DAY };

let a1: TestUser, a2: TestUser, b1: TestUser, editor: TestUser;
let deptA: string, deptB: string, campaign: string;

async function item(id: string, title: string, campaignId: string | null) {
  await db
    .insertInto("content_items")
    .values({
      id,
      title,
      destination_url: "https://example.com/a",
      language: "es",
      status: "published",
      campaign_id: campaignId,
      created_at: START,
      updated_at: START,
    })
    .execute();
}

let shareCounter = 0;
/** A share as recordShare stores it: the sharer's followers on the network at that moment as its reach. */
async function share(userId: string, itemId: string, network: string, at: number, scored = true) {
  const followers = await db
    .selectFrom("follower_counts")
    .select("followers")
    .where("user_id", "=", userId)
    .where("network", "=", network)
    .executeTakeFirst();
  await db
    .insertInto("shares")
    .values({
      id: `s${++shareCounter}`,
      user_id: userId,
      item_id: itemId,
      network,
      created_at: at,
      reach: followers?.followers ?? 0,
      scored: scored ? 1 : 0,
    })
    .execute();
}

async function clicks(linkId: string, list: { at: number; unique?: boolean; self?: boolean }[]) {
  for (const c of list) {
    await db
      .insertInto("link_clicks")
      .values({
        link_id: linkId,
        clicked_at: c.at,
        day: formatLocalDate(localDate(c.at, "Europe/Madrid")),
        visitor_hash: "h",
        is_unique: c.unique ? 1 : 0,
        is_self: c.self ? 1 : 0,
        counted: 1,
        points: 0,
      })
      .execute();
  }
}

async function link(id: string, userId: string, itemId: string, network: string) {
  await db
    .insertInto("tracked_links")
    .values({
      id,
      code: id,
      user_id: userId,
      item_id: itemId,
      network,
      destination_url: "https://example.com",
      click_points: 0,
      created_at: START,
    })
    .execute();
}

beforeAll(async () => {
  deptA = await createTestDepartment("Ventas");
  deptB = await createTestDepartment("Legal");
  a1 = await createTestUser({ departmentId: deptA, name: "A1" });
  a2 = await createTestUser({ departmentId: deptA, name: "A2" });
  b1 = await createTestUser({ departmentId: deptB, name: "B1" });
  editor = await createTestUser({ roles: ["editor"] });
  await setFollowerCounts(db, a1.id, { linkedin: 1000, x: 200, facebook: 0, whatsapp: 0, email: 0 });
  await setFollowerCounts(db, b1.id, { linkedin: 500, x: 0, facebook: 0, whatsapp: 0, email: 0 });
  await setEmvRates(db, {
    currency: "EUR",
    cpc: { ...DEFAULT_EMV_RATES.cpc, linkedin: 2, x: 1 },
    cpm: { ...DEFAULT_EMV_RATES.cpm, linkedin: 10, x: 5 },
  });
  campaign = "camp-1";
  await db
    .insertInto("campaigns")
    .values({ id: campaign, name: "Fibra", starts_at: START, ends_at: START + 30 * DAY, created_at: START, updated_at: START })
    .execute();
  await item("item-1", "Fibre in Valencia", campaign);
  await item("item-2", '=HYPERLINK("http://evil")', null);
  await share(a1.id, "item-1", "linkedin", START + DAY);
  await share(a1.id, "item-1", "x", START + DAY + 1000);
  await share(b1.id, "item-2", "linkedin", START + 3 * DAY);
  await share(a2.id, "item-1", "linkedin", START + 20 * DAY); // outside the range
  // Follower counts changed later: the shares keep the reach they had.
  await setFollowerCounts(db, a1.id, { linkedin: 99_999, x: 99_999, facebook: 0, whatsapp: 0, email: 0 });
  await link("l1", a1.id, "item-1", "linkedin");
  await link("l2", b1.id, "item-2", "linkedin");
  await clicks("l1", [
    { at: START + DAY, unique: true },
    { at: START + DAY, unique: true },
    { at: START + 2 * DAY, unique: true },
    { at: START + 2 * DAY },
    { at: START + 2 * DAY, self: true },
  ]);
  await clicks("l2", [
    { at: START + 3 * DAY, unique: true },
    { at: START + 4 * DAY, unique: true },
    { at: START + 40 * DAY, unique: true },
  ]);
  // The rows above were written directly, as no app path writes them: rebuild the rollups analytics reads.
  await recomputeRollups(db);
});

describe("amplification analytics on a known data set", () => {
  it("counts per network with reach, CTR and EMV from the configured rates", async () => {
    const { rows, total } = await amplificationTable(db, "networks", range);
    expect(rows).toEqual([
      { key: "linkedin", label: "linkedin", shares: 2, clicks: 6, uniqueClicks: 5, reach: 1500, ctr: 6 / 1500, emv: 25 },
      { key: "x", label: "x", shares: 1, clicks: 0, uniqueClicks: 0, reach: 200, ctr: 0, emv: 1 },
    ]);
    expect(total).toMatchObject({ shares: 3, clicks: 6, uniqueClicks: 5, reach: 1700, emv: 26 });
  });

  it("counts per item and per campaign, EMV summed per network", async () => {
    const items = await amplificationTable(db, "items", range);
    expect(items.rows.map((r) => [r.key, r.label, r.shares, r.clicks, r.uniqueClicks, r.reach, r.emv])).toEqual([
      ["item-1", "Fibre in Valencia", 2, 4, 3, 1200, 17],
      ["item-2", '=HYPERLINK("http://evil")', 1, 2, 2, 500, 9],
    ]);
    const campaigns = await amplificationTable(db, "campaigns", range);
    expect(campaigns.rows.map((r) => [r.key, r.label, r.shares, r.emv])).toEqual([
      [campaign, "Fibra", 2, 17],
      ["", "", 1, 9],
    ]);
  });

  it("counts per department with active ambassadors and onboarded people", async () => {
    const { rows } = await amplificationTable(db, "departments", range);
    expect(rows.map((r) => [r.label, r.shares, r.clicks, r.ambassadors, r.people])).toEqual([
      ["Ventas", 2, 4, 1, 2],
      ["Legal", 1, 2, 1, 1],
    ]);
  });

  it("gives the participation rate: certified ambassadors who shared ÷ certified ambassadors (employees, as HR counts them)", async () => {
    // The editor is active but not an employee: not an ambassador, as on the HR dashboard.
    const employees = await db
      .selectFrom("onboarding_progress")
      .select("user_id")
      .where("active", "=", 1)
      .where("ambassador", "=", 1)
      .execute();
    expect(employees.map((e) => e.user_id)).not.toContain(editor.id);
    expect(employees.map((e) => e.user_id)).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
    expect(await participation(db, range)).toEqual({ ambassadors: 2, onboarded: employees.length, rate: 2 / employees.length });
  });

  it("leaves out of participation the sharers who are not onboarded, only those who shared in the range", async () => {
    // b1 shared in the range, a2 only after it.
    const before = await participation(db, range);
    await deactivateUser(db, b1.id);
    await deactivateUser(db, a2.id);
    try {
      expect(await participation(db, range)).toEqual({
        ambassadors: before.ambassadors - 1,
        onboarded: before.onboarded - 2,
        rate: (before.ambassadors - 1) / (before.onboarded - 2),
      });
    } finally {
      await reactivateUser(db, b1.id);
      await reactivateUser(db, a2.id);
    }
    expect(await participation(db, range)).toEqual(before);
  });

  it("buckets the trend by local day (weeks and months for longer ranges)", async () => {
    const over = await trend(db, range, "Europe/Madrid");
    expect(over.granularity).toBe("day");
    expect(over.points).toHaveLength(10);
    expect(over.points.map((p) => [p.shares, p.clicks, p.uniqueClicks, p.ambassadors])).toEqual([
      [0, 0, 0, 0],
      [2, 2, 2, 1],
      [0, 2, 1, 0],
      [1, 1, 1, 1],
      [0, 1, 1, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    const weeks = trendBuckets({ start: START, end: START + 100 * DAY }, "Europe/Madrid");
    expect(weeks.granularity).toBe("week");
    expect(new Date(weeks.starts[1]).toISOString()).toBe("2026-03-08T23:00:00.000Z"); // Monday 9 March in Madrid
    expect(trendBuckets({ start: START, end: START + 700 * DAY }, "Europe/Madrid").granularity).toBe("month");
  });

  it("reads the range from the query string, whole local days, falling back with notices", () => {
    const now = Date.UTC(2026, 5, 15, 10);
    const ok = parseRange(new URLSearchParams("from=2026-03-02&to=2026-03-11"), "Europe/Madrid", now);
    expect(ok).toEqual({ from: "2026-03-02", to: "2026-03-11", range, notices: [] });
    expect(parseRange(new URLSearchParams("from=2026-13-40&to=yesterday"), "Europe/Madrid", now)).toMatchObject({
      from: "2026-03-18",
      to: "2026-06-15",
      notices: ["analytics.notices.badDate"],
    });
    expect(parseRange(new URLSearchParams("from=2026-03-11&to=2026-03-02"), "Europe/Madrid", now)).toMatchObject({
      range,
      notices: ["analytics.notices.swapped"],
    });
    expect(parseRange(new URLSearchParams("from=2000-01-01&to=2026-03-02"), "Europe/Madrid", now).notices).toEqual([
      "analytics.notices.tooLong",
    ]);
  });
});

describe("reach and people", () => {
  it("counts per person, with the reach each share had when it was made", async () => {
    const { rows } = await amplificationTable(db, "people", range);
    expect(rows.map((r) => [r.key, r.label, r.shares, r.clicks, r.uniqueClicks, r.reach, r.emv])).toEqual([
      [a1.id, "A1", 2, 4, 3, 1200, 17],
      [b1.id, "B1", 1, 2, 2, 500, 9],
    ]);
  });

  it("adds no reach for a re-share that did not score", async () => {
    const later = { start: START + 50 * DAY, end: START + 52 * DAY };
    await share(b1.id, "item-2", "linkedin", START + 50 * DAY);
    await share(b1.id, "item-2", "linkedin", START + 50 * DAY + 60_000, false);
    await recomputeRollups(db);
    const { rows } = await amplificationTable(db, "people", later);
    expect(rows.map((r) => [r.label, r.shares, r.reach])).toEqual([["B1", 2, 500]]);
  });
});

describe("/analytics and its CSV exports", () => {
  it("shows every table, the summary and the trend to editors", async () => {
    const response = await call(analyticsRoute.loader, getRequest("/analytics?from=2026-03-02&to=2026-03-11", { cookie: editor.cookie }));
    expect(response.status).toBe(200);
    const data = await jsonOf(response);
    expect(data.notices).toEqual([]);
    expect(data.tables.map((t: { table: string }) => t.table)).toEqual(["items", "networks", "departments", "campaigns", "people"]);
    expect(data.tables[4].rows.map((r: { label: string; shares: string }) => [r.label, r.shares])).toEqual([
      ["A1", "2"],
      ["B1", "1"],
    ]);
    expect(data.tables[1].rows.map((r: { label: string; shares: string; emv: string }) => [r.label, r.shares, r.emv])).toEqual([
      ["LinkedIn", "2", "25,00\u00a0€"],
      ["X", "1", "1,00\u00a0€"],
    ]);
    expect(data.tables[3].rows.map((r: { label: string }) => r.label)).toEqual(["Fibra", "Sin campaña"]);
    expect(data.summary).toMatchObject({ shares: "3", clicks: "6", uniqueClicks: "5", reach: "1700" });
    expect(data.trend.points).toHaveLength(10);
    // "How these are counted" names the per-network limit on unique clicks, in both languages.
    expect(data.uniquePerNetwork).toBe(3);
    for (const locale of ["es", "en"] as const) {
      const text = (resources[locale].translation as { analytics: { definitions: { text: string } } }).analytics.definitions.text;
      expect(text).toContain("{{perNetwork}}");
      expect(text).toContain("/64");
    }
  });

  it("answers bad dates with notices, never an error", async () => {
    for (const query of ["?from=nope", "?from=2026-03-11&to=2026-03-02", "?from=1999-01-01", "?to=%27;drop%20table"]) {
      const response = await call(analyticsRoute.loader, getRequest(`/analytics${query}`, { cookie: editor.cookie }));
      expect(response.status, query).toBe(200);
      const data = await jsonOf(response);
      expect(data.notices.length, query).toBeGreaterThan(0);
      for (const notice of data.notices) expectTranslated(notice);
    }
  });

  it("exports each table as CSV with translated headers, every row, and formulas neutralised", async () => {
    const response = await call(
      csvRoute.loader,
      getRequest("/analytics.csv?table=items&from=2026-03-02&to=2026-03-11", { cookie: editor.cookie }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="altavoz-items-2026-03-02-2026-03-11.csv"');
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const rows = Papa.parse<string[]>(text.trim()).data;
    expect(rows[0]).toEqual(["Contenido", "Compartidos", "Clics", "Clics únicos", "Alcance", "CTR (%)", "EMV (EUR)"]);
    expect(rows[1]).toEqual(["Fibre in Valencia", "2", "4", "3", "1200", "0.33", "17"]);
    expect(rows[2][0]).toBe('\'=HYPERLINK("http://evil")');
    for (const table of ["networks", "departments", "campaigns", "people", "trend"]) {
      const csv = await call(
        csvRoute.loader,
        getRequest(`/analytics.csv?table=${table}&from=2026-03-02&to=2026-03-11`, { cookie: editor.cookie }),
      );
      expect(csv.status, table).toBe(200);
      const parsed = Papa.parse<string[]>((await csv.text()).replace(/^\uFEFF/, "").trim()).data;
      expect(parsed.length, table).toBeGreaterThan(1);
    }
    const departments = Papa.parse<string[]>(
      (
        await (
          await call(
            csvRoute.loader,
            getRequest("/analytics.csv?table=departments&from=2026-03-02&to=2026-03-11", { cookie: editor.cookie }),
          )
        ).text()
      )
        .replace(/^\uFEFF/, "")
        .trim(),
    ).data;
    expect(departments[1]).toEqual(["Ventas", "2", "4", "3", "1200", "0.33", "17", "1", "2", "50"]);
    const trendCsv = Papa.parse<string[]>(
      (
        await (
          await call(csvRoute.loader, getRequest("/analytics.csv?table=trend&from=2026-03-02&to=2026-03-11", { cookie: editor.cookie }))
        ).text()
      )
        .replace(/^\uFEFF/, "")
        .trim(),
    ).data;
    expect(trendCsv[2]).toEqual(["2026-03-03", "2", "2", "2", "1"]);
    const unknown = await call(csvRoute.loader, getRequest("/analytics.csv?table=secrets", { cookie: editor.cookie }));
    expect(unknown.status).toBe(404);
  });
});
