import { describe, expect, it } from "vitest";
import { createCohort, getCohort } from "~/models/cohorts/cohorts.server";
import { cohortsOf, parseMemberEmails } from "~/models/cohorts/members.server";
import { cohortProgress } from "~/models/cohorts/progress.server";
import { addDays } from "~/models/analytics/rollup-periods";
import { addConversionsToRollups } from "~/models/conversions/rollups.server";
import { getFeedItem, listFeed } from "~/models/content/feed.server";
import { awardPoints } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";
import { approvedItem, createActor } from "../content/helpers";
import { linkFor } from "../conversions/fixtures";
import { createTestDepartment, createTestUser } from "../support/http";

const DAY = 86_400_000;
let counter = 0;

const cohortInput = (overrides: Partial<Parameters<typeof createCohort>[2]> = {}) => ({
  name: `Ola ${++counter} — piloto ${Math.random().toString(36).slice(2, 6)}`,
  startsAt: Date.parse("2031-03-02T23:00:00Z"),
  endsAt: Date.parse("2031-03-30T22:00:00Z"),
  goalParticipation: 60,
  goalShares: 10,
  goalUniqueClicks: 50,
  goalConversions: 4,
  departmentIds: [],
  emails: "",
  ...overrides,
});

describe("cohort members", () => {
  it("reads emails one per line or from a CSV's email column, lower-cased and once", () => {
    expect(parseMemberEmails("Ana@Example.com\nben@example.com\n\nana@example.com")).toEqual(["ana@example.com", "ben@example.com"]);
    expect(parseMemberEmails('name,email\n"Ana, P",ana@example.com\nBen,BEN@example.com')).toEqual(["ana@example.com", "ben@example.com"]);
    expect(parseMemberEmails("")).toEqual([]);
  });

  it("creates a cohort from departments and people, refuses unknown emails and departments, and knows who is in it", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const department = await createTestDepartment();
    const inDepartment = await createTestUser({ departmentId: department });
    const listed = await createTestUser();
    const outside = await createTestUser();
    const unknown = await createCohort(db, admin.id, cohortInput({ emails: `${listed.email}\nnadie@example.com` }));
    expect(unknown).toMatchObject({ ok: false, field: "emails", error: "cohorts.errors.unknownEmails", params: { count: 1 } });
    expect(await createCohort(db, admin.id, cohortInput({ departmentIds: ["nope"] }))).toMatchObject({ ok: false, field: "departmentIds" });
    expect(await createCohort(db, admin.id, cohortInput())).toMatchObject({ ok: false, error: "cohorts.errors.nobody" });

    const created = await createCohort(
      db,
      admin.id,
      cohortInput({ departmentIds: [department], emails: `email\n${listed.email.toUpperCase()}` }),
    );
    expect(created).toMatchObject({ ok: true, people: 1 });
    const id = created.ok ? created.id : "";
    expect((await getCohort(db, id))?.people.map((p) => p.id).sort()).toEqual([inDepartment.id, listed.id].sort());
    expect(await cohortsOf(db, { id: inDepartment.id, departmentId: department })).toEqual([id]);
    expect(await cohortsOf(db, { id: listed.id, departmentId: null })).toEqual([id]);
    expect(await cohortsOf(db, { id: outside.id, departmentId: null })).toEqual([]);
  });
});

describe("cohort targeting", () => {
  it("shows an item targeted at a cohort to its people (listed or by department) and to nobody else", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const admin = await createTestUser({ roles: ["admin"] });
    const department = await createTestDepartment();
    const other = await createTestDepartment();
    const byDepartment = await createTestUser({ departmentId: department });
    const listed = await createTestUser({ departmentId: other });
    const outsider = await createTestUser({ departmentId: other });
    const cohort = await createCohort(db, admin.id, cohortInput({ departmentIds: [department], emails: listed.email }));
    const cohortId = cohort.ok ? cohort.id : "";
    const at = Date.now() - DAY;
    const title = `Solo para la ola ${cohortId}`;
    const itemId = await approvedItem(editor, reviewer, { title, cohortIds: [cohortId], publishAt: at }, at);
    const sees = async (viewer: { id: string; departmentId: string | null }) =>
      (await listFeed(db, viewer, { language: null, query: title })).items.some((item) => item.id === itemId);
    expect(await sees({ id: byDepartment.id, departmentId: department })).toBe(true);
    expect(await sees({ id: listed.id, departmentId: other })).toBe(true);
    expect(await sees({ id: outsider.id, departmentId: other })).toBe(false);
    expect(await sees({ id: outsider.id, departmentId: null })).toBe(false);
    expect(await getFeedItem(db, { id: outsider.id, departmentId: other }, itemId)).toBeNull();
    expect(await getFeedItem(db, { id: listed.id, departmentId: other }, itemId)).not.toBeNull();
  });
});

describe("cohort progress", () => {
  it("measures participation, shares, unique clicks and conversions against the goals and the rest of the company over the same weeks", async () => {
    const admin = await createTestUser({ roles: ["admin"] });
    const [a, b, c] = [await createTestUser(), await createTestUser(), await createTestUser()];
    const start = Date.parse("2035-06-03T22:00:00Z"); // a Monday in Madrid
    const cohort = await createCohort(
      db,
      admin.id,
      cohortInput({ startsAt: start, endsAt: start + 14 * DAY, emails: `${a.email}\n${b.email}\n${c.email}` }),
    );
    const cohortId = cohort.ok ? cohort.id : "";
    const before = await cohortProgress(db, cohortId, start + 20 * DAY);
    const outsider = await createTestUser();
    let reference = 0;
    const share = (userId: string, at: number, clicks = 0) =>
      db.transaction().execute((trx) =>
        awardPoints(trx, {
          userId,
          action: "share",
          referenceType: "cohort-test",
          referenceId: `${cohortId}-${++reference}`,
          at,
          counters: { shares: 1, uniqueClicks: clicks },
        }),
      );
    await share(a.id, start + DAY, 4);
    await share(a.id, start + 8 * DAY, 2);
    await share(b.id, start + 9 * DAY, 0);
    await share(outsider.id, start + 2 * DAY, 5);
    await share(a.id, start + 30 * DAY, 100); // after the cohort's weeks: not counted
    const monday = before!.weeks[0]!.key;
    const conversion = async (userId: string, day: string) => {
      const link = await linkFor(userId, "linkedin", { at: start });
      return {
        day,
        linkId: link.id,
        userId,
        departmentId: null,
        itemId: link.itemId,
        campaignId: null,
        network: "linkedin",
        kind: "lead" as const,
        valueCents: 0,
      };
    };
    const events = [
      await conversion(a.id, addDays(monday, 1)),
      await conversion(b.id, addDays(monday, 9)),
      await conversion(outsider.id, addDays(monday, 2)),
      await conversion(a.id, addDays(monday, 30)), // after the cohort's weeks
    ];
    await db.transaction().execute((trx) => addConversionsToRollups(trx, events));
    const progress = await cohortProgress(db, cohortId, start + 20 * DAY);
    expect(progress?.weeks).toHaveLength(2);
    expect(progress?.cohort.conversions).toBe(2);
    expect(progress!.rest.conversions - before!.rest.conversions).toBe(1);
    expect(progress?.cohort).toMatchObject({ people: 3, sharers: 2, participation: 67, shares: 3, uniqueClicks: 6, sharesPerPerson: 1 });
    expect(progress?.goals).toEqual({ participation: 60, shares: 10, uniqueClicks: 50, conversions: 4 });
    // The rest of the company: everyone else active, with the outsider's share added since `before`.
    expect(progress!.rest.people).toBe(before!.rest.people + 1);
    expect(progress!.rest.shares - before!.rest.shares).toBe(1);
    expect(progress!.rest.uniqueClicks - before!.rest.uniqueClicks).toBe(5);
    expect(progress!.rest.sharers - before!.rest.sharers).toBe(1);
  });
});

describe("cohort leaderboards", () => {
  it("ranks only the cohort's people, listed or through its departments", async () => {
    const { getLeaderboard } = await import("~/models/scoring/leaderboard.server");
    const admin = await createTestUser({ roles: ["admin"] });
    const department = await createTestDepartment();
    const [listed, viaDepartment, outsider] = [
      await createTestUser(),
      await createTestUser({ departmentId: department }),
      await createTestUser(),
    ];
    const cohort = await createCohort(db, admin.id, cohortInput({ departmentIds: [department], emails: listed.email }));
    const cohortId = cohort.ok ? cohort.id : "";
    let reference = 0;
    const give = (userId: string, points: number) =>
      db.transaction().execute((trx) =>
        awardPoints(trx, {
          userId,
          action: "idea_accepted",
          referenceType: "cohort-board",
          referenceId: `${cohortId}-${++reference}`,
          points,
        }),
      );
    await give(outsider.id, 500);
    await give(viaDepartment.id, 30);
    await give(listed.id, 20);
    const board = await getLeaderboard(db, {
      period: "all",
      scope: { cohortId },
      metric: "points",
      viewerId: outsider.id,
      viewerCanSeeNames: true,
    });
    expect(board?.rows.map((r) => [r.key, r.rank, r.value])).toEqual([
      [viaDepartment.id, 1, 30],
      [listed.id, 2, 20],
    ]);
    expect(board?.viewer).toBeNull();
  });
});
