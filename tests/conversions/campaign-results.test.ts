// Campaign budget, cost per lead and goals on a known data set (both dialects): counted over each
// campaign's window from the rollups, shown in analytics and its CSV, and entered in the campaign form.
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { addClicksToRollups, addShareToRollups } from "~/models/analytics/rollups.server";
import { campaignResults } from "~/models/conversions/campaign-results.server";
import { importConversionsCsv } from "~/models/conversions/csv.server";
import { DEFAULT_EMV_RATES, setEmvRates } from "~/models/sharing/amplification.server";
import * as analytics from "~/routes/analytics";
import * as csvRoute from "~/routes/analytics[.csv]";
import * as challengePage from "~/routes/campaigns.$id";
import * as campaignsPage from "~/routes/manage.campaigns._index";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { linkFor } from "./fixtures";

const DAY = 86_400_000;
// 2026-03-02 00:00 in Madrid (UTC+1); campaigns run ten days.
const START = Date.UTC(2026, 2, 1, 23);
const END = START + 10 * DAY;
const NOW = START + 40 * DAY;
const iso = (at: number) => new Date(at).toISOString();

let admin: TestUser, editor: TestUser, ana: TestUser;

async function campaign(
  id: string,
  values: { budget_cents?: number | null; budget_currency?: string | null; goals?: [number | null, number | null, number | null] },
) {
  const [shares, uniqueClicks, conversions] = values.goals ?? [null, null, null];
  await db
    .insertInto("campaigns")
    .values({
      id,
      name: `Campaña ${id}`,
      starts_at: START,
      ends_at: END,
      goal_shares: shares,
      goal_unique_clicks: uniqueClicks,
      goal_conversions: conversions,
      budget_cents: values.budget_cents ?? null,
      budget_currency: values.budget_currency ?? null,
      created_at: START,
      updated_at: START,
    })
    .execute();
}

beforeAll(async () => {
  await setEmvRates(db, DEFAULT_EMV_RATES);
  admin = await createTestUser({ roles: ["admin"] });
  editor = await createTestUser({ roles: ["editor"] });
  ana = await createTestUser({ name: "Ana" });
  await campaign("budgeted", { budget_cents: 150_000, budget_currency: "EUR", goals: [4, 10, 4] });
  await campaign("unbudgeted", {});
  await campaign("quiet", { budget_cents: 90_000, budget_currency: "USD" });
  const a = await linkFor(ana.id, "linkedin", { campaignId: "budgeted", at: START });
  const b = await linkFor(ana.id, "x", { campaignId: "unbudgeted", at: START });
  await db.transaction().execute(async (trx) => {
    for (const day of [0, 1, 2])
      await addShareToRollups(trx, {
        userId: ana.id,
        itemId: a.itemId,
        network: "linkedin",
        at: START + day * DAY,
        reach: 0,
        scored: true,
      });
    await addShareToRollups(trx, { userId: ana.id, itemId: b.itemId, network: "x", at: START, reach: 0, scored: true });
    // The share goal counts the shares that scored, as the campaign's challenge keeps them.
    await trx
      .insertInto("score_buckets")
      .values({
        period_kind: "campaign",
        period_key: "budgeted",
        user_id: ana.id,
        department_id: null,
        points: 30,
        shares: 3,
        unique_clicks: 0,
      })
      .execute();
    await addClicksToRollups(trx, [
      ...Array.from({ length: 6 }, () => ({ linkId: a.id, day: "2026-03-03", isSelf: false, isUnique: true })),
      // After the campaign's last day (2026-03-11): not the campaign's.
      ...Array.from({ length: 3 }, () => ({ linkId: a.id, day: "2026-03-20", isSelf: false, isUnique: true })),
    ]);
  });
  const csv = [
    "code,kind,value,currency,time",
    `${a.code},lead,,,${iso(START + DAY)}`,
    `${a.code},lead,,,${iso(START + 2 * DAY)}`,
    `${a.code},lead,,,${iso(START + 3 * DAY)}`,
    `${a.code},sale,99,EUR,${iso(START + 4 * DAY)}`,
    `${a.code},lead,,,${iso(END + 5 * DAY)}`,
    `${b.code},lead,,,${iso(START + DAY)}`,
  ].join("\n");
  expect(await importConversionsCsv(db, csv, { id: admin.id, filename: "crm.csv" }, NOW)).toMatchObject({ ok: true, recorded: 6 });
});

describe("cost per lead and goals over the campaign's window", () => {
  it("divides the budget by the window's leads; no budget or no leads gives none", async () => {
    expect(await campaignResults(db, "budgeted")).toMatchObject({
      budget: { amount: 1500, currency: "EUR" },
      shares: 3,
      uniqueClicks: 6,
      conversions: 4,
      leads: 3,
      costPerLead: 500,
      goals: [
        { metric: "shares", target: 4, reached: 3, progress: 0.75 },
        { metric: "uniqueClicks", target: 10, reached: 6, progress: 0.6 },
        { metric: "conversions", target: 4, reached: 4, progress: 1 },
      ],
    });
    expect(await campaignResults(db, "unbudgeted")).toMatchObject({ budget: null, leads: 1, costPerLead: null, goals: [] });
    expect(await campaignResults(db, "quiet")).toMatchObject({ budget: { amount: 900, currency: "USD" }, leads: 0, costPerLead: null });
  });

  it("shows them on analytics per campaign, with — when there is nothing to divide", async () => {
    // Intl separates numbers and symbols with no-break spaces.
    const response = await call(analytics.loader, getRequest("/analytics?from=2026-03-02&to=2026-03-11", { cookie: editor.cookie }));
    const data = JSON.parse((await response.text()).replace(/[\u00a0\u202f]/gu, " "));
    const byId = Object.fromEntries(data.campaignResults.map((r: { id: string }) => [r.id, r]));
    expect(byId.budgeted).toMatchObject({ budget: "1500,00 €", leads: "3", costPerLead: "500,00 €" });
    expect(byId.budgeted.goals.map((g: { metric: string; percent: string }) => [g.metric, g.percent])).toEqual([
      ["shares", "75 %"],
      ["uniqueClicks", "60 %"],
      ["conversions", "100 %"],
    ]);
    expect(byId.unbudgeted).toMatchObject({ budget: "—", leads: "1", costPerLead: "—" });
    expect(byId.quiet).toMatchObject({ budget: "900,00 US$", costPerLead: "—" });
    // A range the campaigns do not overlap lists none of them.
    const later = await jsonOf(
      await call(analytics.loader, getRequest("/analytics?from=2026-03-20&to=2026-03-25", { cookie: editor.cookie })),
    );
    expect(later.campaignResults).toEqual([]);
  });

  it("adds budget and cost per lead to the campaigns CSV", async () => {
    const response = await call(
      csvRoute.loader,
      getRequest("/analytics.csv?table=campaigns&from=2026-03-02&to=2026-03-11", { cookie: editor.cookie }),
    );
    const rows = Papa.parse<string[]>((await response.text()).replace(/^\uFEFF/, "").trim()).data;
    expect(rows[0].slice(-4)).toEqual(["Presupuesto", "Moneda del presupuesto", "Leads (toda la campaña)", "Coste por lead"]);
    const row = (name: string) => rows.find((r) => r[0] === name);
    expect(row("Campaña budgeted")?.slice(-4)).toEqual(["1500", "EUR", "3", "500"]);
    expect(row("Campaña unbudgeted")?.slice(-4)).toEqual(["", "", "1", "—"]);
  });

  it("shows the goals beyond shares on the campaign's page", async () => {
    const page = await jsonOf(
      await call(challengePage.loader, getRequest("/campaigns/budgeted", { cookie: ana.cookie }), { id: "budgeted" }),
    );
    expect(page.goals.map((g: { metric: string; reached: string; target: string }) => [g.metric, g.reached, g.target])).toEqual([
      ["uniqueClicks", "6", "10"],
      ["conversions", "4", "4"],
    ]);
  });
});

describe("the campaign form", () => {
  const valid = { name: "Presupuesto 2031", description: "", goal: "", goalShares: "", startsOn: "2031-03-01", endsOn: "2031-03-31" };
  const count = async () =>
    Number(
      (
        await db
          .selectFrom("campaigns")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("stores a budget in minor units with its currency, and the goals", async () => {
    const response = await call(
      campaignsPage.action,
      postRequest(
        "/manage/campaigns",
        { ...valid, budget: "1.500,50", budgetCurrency: "eur", goalUniqueClicks: "200", goalConversions: "12" },
        { cookie: editor.cookie },
      ),
    );
    expect(response.status).toBe(302);
    const row = await db.selectFrom("campaigns").selectAll().where("name", "=", valid.name).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ budget_cents: 150_050, budget_currency: "EUR", goal_unique_clicks: 200, goal_conversions: 12 });
  });

  it("refuses a bad amount, a budget without currency and bad goals, writing nothing", async () => {
    const before = await count();
    const bad = await call(
      campaignsPage.action,
      postRequest("/manage/campaigns", { ...valid, name: "Mal", budget: "mil euros", goalConversions: "0" }, { cookie: editor.cookie }),
    );
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors).toMatchObject({
      budget: "results.budget.errors.amount",
      goalConversions: "results.goals.errors.target",
    });
    const noCurrency = await call(
      campaignsPage.action,
      postRequest("/manage/campaigns", { ...valid, name: "Mal", budget: "300" }, { cookie: editor.cookie }),
    );
    expect((await jsonOf(noCurrency)).errors).toEqual({ budgetCurrency: "results.budget.errors.currency" });
    expect(await count()).toBe(before);
  });
});
