// Attribution on a known data set: CSV rows (all or nothing) and webhook events land in the
// rollups; analytics and My shares read them beside unique clicks. Runs on both dialects.
import { beforeAll, describe, expect, it } from "vitest";
import { importConversionsCsv } from "~/models/conversions/csv.server";
import { conversionTable, linkConversions } from "~/models/conversions/report.server";
import { addClicksToRollups } from "~/models/analytics/rollups.server";
import { setEmvRates, DEFAULT_EMV_RATES } from "~/models/sharing/amplification.server";
import { db } from "~/utils/db.server";
import { createTestDepartment, createTestUser, type TestUser } from "../support/http";
import { linkFor } from "./fixtures";

const DAY = 86_400_000;
// 2026-03-02 00:00 in Madrid (UTC+1).
const START = Date.UTC(2026, 2, 1, 23);
const range = { start: START, end: START + 10 * DAY };
const NOW = START + 40 * DAY;

let admin: TestUser, ana: TestUser, bruno: TestUser;
let deptA: string;
let l1: { id: string; code: string; itemId: string }, l2: typeof l1, l3: typeof l1;

const iso = (at: number) => new Date(at).toISOString();

beforeAll(async () => {
  await setEmvRates(db, DEFAULT_EMV_RATES);
  deptA = await createTestDepartment("Ventas conv");
  admin = await createTestUser({ roles: ["admin"] });
  ana = await createTestUser({ departmentId: deptA, name: "Ana" });
  bruno = await createTestUser({ name: "Bruno" });
  await db
    .insertInto("campaigns")
    .values({ id: "conv-camp", name: "Fibra conv", starts_at: START, ends_at: START + 30 * DAY, created_at: START, updated_at: START })
    .execute();
  l1 = await linkFor(ana.id, "linkedin", { campaignId: "conv-camp", at: START });
  l2 = await linkFor(ana.id, "x", { at: START });
  l3 = await linkFor(bruno.id, "linkedin", { at: START });
  // Unique clicks: l1 4, l2 2, l3 5 (and l1 1 outside the range).
  const day = (n: number) => `2026-03-${String(2 + n).padStart(2, "0")}`;
  const clicks = [
    ...Array.from({ length: 4 }, () => ({ linkId: l1.id, day: day(1), isSelf: false, isUnique: true })),
    { linkId: l1.id, day: "2026-03-20", isSelf: false, isUnique: true },
    ...Array.from({ length: 2 }, () => ({ linkId: l2.id, day: day(2), isSelf: false, isUnique: true })),
    ...Array.from({ length: 5 }, () => ({ linkId: l3.id, day: day(3), isSelf: false, isUnique: true })),
  ];
  await db.transaction().execute((trx) => addClicksToRollups(trx, clicks));
});

describe("CSV conversions", () => {
  it("imports nothing when one row is wrong, and reports every bad row", async () => {
    const csv = [
      "code,kind,value,currency,time",
      `${l1.code},lead,,,${iso(START + DAY)}`,
      `NOTACODE,lead,,,${iso(START + DAY)}`,
      `${l2.code},refund,10,EUR,2026-03-03 10:00`,
      `${l3.code},sale,12.345,USD,not a date`,
    ].join("\n");
    const result = await importConversionsCsv(db, csv, { id: admin.id, filename: "crm.csv" }, NOW);
    expect(result).toMatchObject({ ok: false, error: "conversions.csv.rowsRefused", rows: 4 });
    if (result.ok || !("rowErrors" in result)) throw new Error("expected a row report");
    expect(result.rowErrors.map((r) => [r.line, r.errors.sort()])).toEqual([
      [3, ["conversions.errors.code"]],
      [4, ["conversions.errors.kind"]],
      [5, ["conversions.errors.occurredAt", "conversions.errors.value"]],
    ]);
    expect(await db.selectFrom("conversions").select("id").execute()).toEqual([]);
    expect(await db.selectFrom("conversion_rollups").select("key").execute()).toEqual([]);
  });

  it("refuses a header without the needed columns and ids repeated in the file", async () => {
    expect(await importConversionsCsv(db, "email,amount\nx,1", { id: admin.id, filename: "x.csv" }, NOW)).toEqual({
      ok: false,
      error: "conversions.csv.badHeader",
    });
    const repeated = ["id,code,kind,time", `a,${l1.code},lead,2026-03-03`, `a,${l2.code},lead,2026-03-03`].join("\n");
    const result = await importConversionsCsv(db, repeated, { id: admin.id, filename: "x.csv" }, NOW);
    expect(result.ok).toBe(false);
    expect(await db.selectFrom("conversions").select("id").execute()).toEqual([]);
  });

  it("imports a clean file whole, and the same file again records nothing new", async () => {
    const csv = [
      "utm_content;type;amount;currency;date",
      `${l1.code};lead;;;${iso(START + DAY)}`,
      `${l1.code};sale;150,50;EUR;2026-03-04 12:30`,
      `${l2.code};sign-up;;;2026-03-05`,
      `${l3.code};lead;;;${iso(START + 2 * DAY)}`,
      `${l3.code};purchase;49.5;eur;${iso(START + 3 * DAY)}`,
      // Outside the range (2026-03-25).
      `${l1.code};lead;;;2026-03-25T09:00:00+01:00`,
    ].join("\n");
    expect(await importConversionsCsv(db, csv, { id: admin.id, filename: "crm.csv" }, NOW)).toEqual({
      ok: true,
      recorded: 6,
      duplicates: 0,
      rows: 6,
    });
    expect(await importConversionsCsv(db, csv, { id: admin.id, filename: "crm.csv" }, NOW)).toEqual({
      ok: true,
      recorded: 0,
      duplicates: 6,
      rows: 6,
    });
  });
});

describe("attribution numbers", () => {
  it("per person, network, department, campaign and item beside unique clicks", async () => {
    const people = await conversionTable(db, "people", range, { timeZone: "Europe/Madrid" });
    expect(people.rows.map((r) => [r.label, r.uniqueClicks, r.conversions, r.leads, r.signups, r.sales, r.value, r.rate])).toEqual([
      ["Ana", 6, 3, 1, 1, 1, 150.5, 0.5],
      ["Bruno", 5, 2, 1, 0, 1, 49.5, 0.4],
    ]);
    expect(people.total).toMatchObject({ uniqueClicks: 11, conversions: 5, value: 200, rate: 5 / 11 });
    const networks = await conversionTable(db, "networks", range, { timeZone: "Europe/Madrid" });
    expect(networks.rows.map((r) => [r.key, r.uniqueClicks, r.conversions, r.value])).toEqual([
      ["linkedin", 9, 4, 200],
      ["x", 2, 1, 0],
    ]);
    const departments = await conversionTable(db, "departments", range, { timeZone: "Europe/Madrid" });
    expect(departments.rows.map((r) => [r.key, r.conversions])).toEqual([
      [deptA, 3],
      ["", 2],
    ]);
    const campaigns = await conversionTable(db, "campaigns", range, { timeZone: "Europe/Madrid" });
    expect(campaigns.rows.map((r) => [r.key, r.label, r.uniqueClicks, r.conversions])).toEqual([
      ["", "", 7, 3],
      ["conv-camp", "Fibra conv", 4, 2],
    ]);
    const items = await conversionTable(db, "items", range, { timeZone: "Europe/Madrid", limit: 1 });
    expect(items.rows).toHaveLength(1);
    expect(items.rows[0]).toMatchObject({ key: l1.itemId, conversions: 2, uniqueClicks: 4, rate: 0.5 });
  });

  it("per tracked link, all time, for My shares", async () => {
    const totals = await linkConversions(db, [l1.id, l2.id, l3.id]);
    expect(totals.get(l1.id)).toEqual({ conversions: 3, value: 150.5 });
    expect(totals.get(l2.id)).toEqual({ conversions: 1, value: 0 });
    expect(totals.get(l3.id)).toEqual({ conversions: 2, value: 49.5 });
  });
});
