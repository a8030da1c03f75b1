import { describe, expect, it } from "vitest";
import { POINT_ACTIONS, type PointAction } from "#db/schema";
import { createCampaign, updateCampaign } from "~/models/content/campaigns.server";
import { processClicks } from "~/models/sharing/clicks.server";
import { awardPoints, getPointScheme, updatePointScheme } from "~/models/scoring/points.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { recomputeBuckets } from "~/models/scoring/buckets.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { updatePerson } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { createTestDepartment, createTestUser } from "../support/http";
import { seededRandom as random } from "../support/random";

async function snapshot() {
  const rows = await db.selectFrom("score_buckets").selectAll().execute();
  return rows
    .map((r) => `${r.period_kind}|${r.period_key}|${r.user_id}|${r.department_id}|${r.points}|${r.shares}|${r.unique_clicks}`)
    .sort();
}

async function wipe() {
  for (const table of ["score_buckets", "points_ledger", "link_clicks", "link_visitors", "tracked_links", "point_rules"] as const)
    await db.deleteFrom(table).execute();
  await db.deleteFrom("content_items").execute();
  await db.deleteFrom("campaigns").execute();
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

async function scenario(seed: number, timeZone: string) {
  await wipe();
  expect(await setOrganisationTimeZone(db, timeZone)).toBe(true);
  const r = random(seed);
  const departments = [await createTestDepartment(), await createTestDepartment(), null];
  const admin = await createTestUser({ roles: ["admin"] });
  const people: { id: string }[] = [];
  for (let i = 0; i < 8; i++) people.push(await createTestUser({ departmentId: r.pick(departments), name: `R${i}` }));
  // 20 weeks around a year end and a daylight-saving change, events often near midnight
  const from = Date.UTC(2025, 9, 20);
  const span = 20 * 7 * DAY;
  const when = () => {
    const day = from + r.int(span / DAY) * DAY;
    return r.next() < 0.5 ? day + r.int(24) * HOUR + r.int(60) * 60_000 : day - HOUR + r.int(3 * HOUR);
  };
  // an item that expires half way: clicks after that are kept but not counted
  await db
    .insertInto("content_items")
    .values({
      id: "expiring",
      title: "x",
      destination_url: "https://example.com/a",
      language: "es",
      status: "published",
      expire_at: from + span / 2,
      created_at: from,
      updated_at: from,
    })
    .execute();
  const links: { id: string }[] = [];
  for (let i = 0; i < 6; i++) {
    links.push(
      await getOrCreateTrackedLink(db, {
        userId: r.pick(people).id,
        itemId: i === 0 ? "expiring" : `item-${i}`,
        network: r.pick(["linkedin", "x"] as const),
        destinationUrl: "https://example.com/a",
      }),
    );
  }
  const campaignInput = (start: number, days: number) => ({
    name: `C${r.int(1000)}`,
    description: "",
    goal: null,
    goalShares: 100,
    startsAt: start,
    endsAt: start + days * DAY,
  });
  const firstCampaign = await createCampaign(db, admin.id, campaignInput(from + 14 * DAY, 30));

  let reference = 0;
  for (let step = 0; step < 160; step++) {
    const roll = r.next();
    if (roll < 0.45) {
      const action: PointAction = r.pick(POINT_ACTIONS.filter((a) => a !== "unique_click"));
      const at = when();
      reference += 1;
      await db.transaction().execute((trx) =>
        awardPoints(trx, {
          userId: r.pick(people).id,
          action,
          referenceType: "random",
          referenceId: `e${r.next() < 0.1 ? Math.max(1, reference - 1) : reference}`, // sometimes a repeat: a no-op
          at,
          counters: action === "share" ? { shares: 1 } : {},
        }),
      );
    } else if (roll < 0.75) {
      const batch = Array.from({ length: 1 + r.int(4) }, () => ({
        linkId: r.pick(links).id,
        at: when(),
        ip: `198.51.100.${r.int(12)}`,
        userAgent: "Mozilla/5.0 test",
        sessionId: null,
      }));
      await processClicks(db, batch);
    } else if (roll < 0.85) {
      const person = r.pick(people);
      await updatePerson(db, person.id, { name: "Moved", departmentId: r.pick(departments), roles: ["employee"] });
    } else if (roll < 0.93) {
      const scheme = await getPointScheme(db);
      const action = r.pick(POINT_ACTIONS);
      await updatePointScheme(
        db,
        { ...scheme, [action]: { points: 1 + r.int(30), cap: action === "unique_click" ? 1 + r.int(5) : null } },
        admin.id,
        when(),
      );
    } else if (roll < 0.97) {
      await createCampaign(db, admin.id, campaignInput(when(), 1 + r.int(40)));
    } else {
      await updateCampaign(db, firstCampaign, campaignInput(when(), 1 + r.int(40)));
    }
  }
  const incremental = await snapshot();
  expect(incremental.length).toBeGreaterThan(50);
  expect(incremental.some((row) => row.startsWith("campaign|"))).toBe(true);
  expect(incremental.some((row) => !row.endsWith("|0"))).toBe(true); // some unique clicks
  const count = await recomputeBuckets(db);
  const recomputed = await snapshot();
  expect(count).toBe(recomputed.length);
  expect(recomputed).toEqual(incremental);
}

describe("running totals equal a full recomputation from the sources", () => {
  it("after a random sequence in Madrid", async () => {
    await scenario(1, "Europe/Madrid");
  });
  it("after a random sequence in New York", async () => {
    await scenario(2, "America/New_York");
  });
  it("after a random sequence in Tokyo", async () => {
    await scenario(3, "Asia/Tokyo");
  });
  it("after a random sequence in UTC", async () => {
    await scenario(4, "UTC");
  });

  it("recomputes an empty organisation to nothing", async () => {
    await wipe();
    expect(await recomputeBuckets(db)).toBe(0);
  });
});
