import { describe, expect, it } from "vitest";
import { createCampaign, deleteCampaign, updateCampaign } from "~/models/content/campaigns.server";
import { getChallenge, listRunningChallenges } from "~/models/scoring/challenges.server";
import { getLeaderboard } from "~/models/scoring/leaderboard.server";
import { db } from "~/utils/db.server";
import { createTestDepartment, createTestUser } from "../support/http";
import { award, madrid } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;

const campaignBoard = (campaignId: string, viewerId: string | null = null) =>
  getLeaderboard(db, { period: { campaignId }, metric: "shares", viewerId, viewerCanSeeNames: false });

describe("campaign windows", () => {
  it("counts what happened inside the window, before and after the campaign was created, and follows date changes", async () => {
    const editor = await createTestUser({ roles: ["editor"] });
    const dept = await createTestDepartment();
    const a = await createTestUser({ departmentId: dept, name: "A" });
    const b = await createTestUser({ departmentId: dept, name: "B" });
    const start = madrid(2026, 2, 2, 0, 0);
    await award(a.id, 10, start - 1, "share"); // just before: outside
    await award(a.id, 10, start, "share"); // the first instant: inside
    await award(b.id, 10, start + 3 * DAY, "share");
    const id = await createCampaign(db, editor.id, {
      name: "Fibra",
      description: "",
      goal: "500 shares",
      goalShares: 4,
      startsAt: start,
      endsAt: start + 7 * DAY,
    });
    // backfilled at creation
    expect((await campaignBoard(id))!.rows.map((r) => [r.name, r.value])).toEqual(
      expect.arrayContaining([
        ["A", 1],
        ["B", 1],
      ]),
    );
    // counted as it happens
    await award(b.id, 10, start + 5 * DAY, "share");
    await award(b.id, 10, start + 7 * DAY, "share"); // the exclusive end: outside
    const board = (await campaignBoard(id, a.id))!;
    expect(board.periodKind).toBe("campaign");
    expect(board.rows.map((r) => [r.name, r.rank, r.value, r.movement])).toEqual([
      ["B", 1, 2, null],
      ["A", 2, 1, null],
    ]);
    const challenge = (await getChallenge(db, id, { viewerId: a.id, viewerCanSeeNames: false, at: start + DAY }))!;
    expect(challenge.challenge).toMatchObject({
      name: "Fibra",
      goalShares: 4,
      shares: 3,
      participants: 2,
      progress: 0.75,
      state: "running",
    });
    expect(challenge.contributors.viewer).toMatchObject({ name: "A", rank: 2 });
    expect((await listRunningChallenges(db, start + DAY)).map((c) => [c.id, c.shares])).toEqual([[id, 3]]);
    expect(await listRunningChallenges(db, start + 8 * DAY)).toEqual([]);

    // moving the window one day earlier takes in the share just before the old start and drops none
    await updateCampaign(db, id, {
      name: "Fibra",
      description: "",
      goal: null,
      goalShares: 4,
      startsAt: start - DAY,
      endsAt: start + 8 * DAY,
    });
    const moved = (await getChallenge(db, id, { viewerId: a.id, viewerCanSeeNames: false, at: start }))!;
    expect(moved.challenge).toMatchObject({ shares: 5, progress: 1 });
    // shrinking it drops what is now outside
    await updateCampaign(db, id, {
      name: "Fibra",
      description: "",
      goal: null,
      goalShares: null,
      startsAt: start + DAY,
      endsAt: start + 4 * DAY,
    });
    const shrunk = (await getChallenge(db, id, { viewerId: a.id, viewerCanSeeNames: false, at: start }))!;
    expect(shrunk.challenge).toMatchObject({ shares: 1, participants: 1, progress: null, state: "upcoming" });
    expect(shrunk.contributors.viewer).toBeNull();

    await deleteCampaign(db, id);
    expect(
      await db.selectFrom("score_buckets").select("user_id").where("period_kind", "=", "campaign").where("period_key", "=", id).execute(),
    ).toEqual([]);
    expect(await getChallenge(db, id, { viewerId: a.id, viewerCanSeeNames: false })).toBeNull();
  });

  it("adds an event to every overlapping campaign", async () => {
    const editor = await createTestUser({ roles: ["editor"] });
    const a = await createTestUser();
    const start = madrid(2026, 3, 2, 0, 0);
    const one = await createCampaign(db, editor.id, {
      name: "One",
      description: "",
      goal: null,
      goalShares: null,
      startsAt: start,
      endsAt: start + 10 * DAY,
    });
    const two = await createCampaign(db, editor.id, {
      name: "Two",
      description: "",
      goal: null,
      goalShares: null,
      startsAt: start + 5 * DAY,
      endsAt: start + 20 * DAY,
    });
    await award(a.id, 7, start + 6 * DAY);
    for (const id of [one, two]) {
      const board = (await getLeaderboard(db, { period: { campaignId: id }, metric: "points", viewerId: a.id, viewerCanSeeNames: false }))!;
      expect(board.viewer).toMatchObject({ rank: 1, value: 7 });
    }
  });
});
