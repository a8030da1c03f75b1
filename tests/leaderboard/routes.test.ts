import { describe, expect, it } from "vitest";
import { createCampaign } from "~/models/content/campaigns.server";
import { getLeaderboardOptOut } from "~/models/scoring/leaderboard.server";
import * as challengeRoute from "~/routes/campaigns.$id";
import * as leaderboardRoute from "~/routes/leaderboard";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { award } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;

describe("/leaderboard", () => {
  it("shows this week's top people with ranks, my row, my weeks and the running challenges", async () => {
    const dept = await createTestDepartment();
    const me = await createTestUser({ departmentId: dept, name: "Me" });
    const top = await createTestUser({ departmentId: dept, name: "Top" });
    const now = Date.now();
    await award(top.id, 30, now - 1000, "share");
    await award(me.id, 10, now - 1000);
    const editor = await createTestUser({ roles: ["editor"] });
    const campaign = await createCampaign(db, editor.id, {
      name: "Running",
      description: "",
      goal: "Lots",
      goalShares: 10,
      startsAt: now - DAY,
      endsAt: now + DAY,
    });
    const response = await call(leaderboardRoute.loader, getRequest("/leaderboard", { cookie: me.cookie }));
    expect(response.status).toBe(200);
    const data = await jsonOf(response);
    expect(data.notices).toEqual([]);
    expect(data.choice).toEqual({ period: "week", scope: "company", metric: "points" });
    expect(data.board.rows.map((r: { name: string; rank: number; value: number }) => [r.name, r.rank, r.value])).toEqual([
      ["Top", 1, 30],
      ["Me", 2, 10],
    ]);
    expect(data.board.viewer).toMatchObject({ name: "Me", isViewer: true, rank: 2 });
    expect(data.trend).toHaveLength(12);
    expect(data.trend[11].value).toBe(10);
    expect(data.running).toEqual([expect.objectContaining({ id: campaign, shares: 1, goalShares: 10, participants: 1 })]);
    expect(data.departments).toEqual([]); // an employee chooses only the company or their own department

    const byShares = await jsonOf(
      await call(
        leaderboardRoute.loader,
        getRequest(`/leaderboard?period=campaign:${campaign}&metric=shares&scope=department:${dept}`, { cookie: me.cookie }),
      ),
    );
    expect(byShares.notices).toEqual([]);
    expect(byShares.choice).toEqual({ period: `campaign:${campaign}`, scope: `department:${dept}`, metric: "shares" });
    expect(byShares.board.rows.map((r: { name: string; value: number }) => [r.name, r.value])).toEqual([["Top", 1]]);
    expect(byShares.challenge).toMatchObject({ id: campaign, shares: 1, progress: 0.1 });
  });

  it("falls back with a translated notice on unknown or forbidden choices, never failing", async () => {
    const mine = await createTestDepartment();
    const other = await createTestDepartment();
    const employee = await createTestUser({ departmentId: mine });
    const cases: [string, string[]][] = [
      ["?period=fortnight", ["leaderboard.notices.unknownPeriod"]],
      ["?period=campaign:nope", ["leaderboard.notices.unknownCampaign"]],
      ["?metric=likes", ["leaderboard.notices.unknownMetric"]],
      [`?scope=department:${other}`, ["leaderboard.notices.unknownScope"]],
      ["?scope=department:'%20or%201=1", ["leaderboard.notices.unknownScope"]],
      ["?scope=planet&period=all&metric=points", ["leaderboard.notices.unknownScope"]],
      ["?period=&scope=&metric=", []],
    ];
    for (const [query, notices] of cases) {
      const response = await call(leaderboardRoute.loader, getRequest(`/leaderboard${query}`, { cookie: employee.cookie }));
      expect(response.status, query).toBe(200);
      const data = await jsonOf(response);
      expect(data.notices, query).toEqual(notices);
      for (const notice of notices) expectTranslated(notice);
    }
    const hr = await createTestUser({ roles: ["hr"] });
    const hrView = await jsonOf(
      await call(leaderboardRoute.loader, getRequest(`/leaderboard?scope=department:${other}`, { cookie: hr.cookie })),
    );
    expect(hrView.notices).toEqual([]);
    expect(hrView.choice.scope).toBe(`department:${other}`);
    expect(hrView.departments.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([mine, other]));
  });

  it("lets a person hide their name and show it again; bad input is refused", async () => {
    const person = await createTestUser();
    const hidden = await call(
      leaderboardRoute.action,
      postRequest("/leaderboard?period=month", { intent: "privacy", hide: "on" }, { cookie: person.cookie }),
    );
    expect(hidden.status).toBe(302);
    expect(hidden.headers.get("Location")).toBe("/leaderboard?period=month");
    expect(await getLeaderboardOptOut(db, person.id)).toBe(true);
    await call(leaderboardRoute.action, postRequest("/leaderboard", { intent: "privacy" }, { cookie: person.cookie }));
    expect(await getLeaderboardOptOut(db, person.id)).toBe(false);
    const bad = await call(
      leaderboardRoute.action,
      postRequest("/leaderboard", { intent: "privacy", hide: "yes please" }, { cookie: person.cookie }),
    );
    expect(bad.status).toBe(400);
    expect(await getLeaderboardOptOut(db, person.id)).toBe(false);
    const noIntent = await call(leaderboardRoute.action, postRequest("/leaderboard", { hide: "on" }, { cookie: person.cookie }));
    expect(noIntent.status).toBe(400);
  });
});

describe("/campaigns/:id", () => {
  it("shows the challenge's progress and top contributors; unknown ids are 404", async () => {
    const editor = await createTestUser({ roles: ["editor"] });
    const a = await createTestUser({ name: "Contributor" });
    const now = Date.now();
    // in the past, so other tests' recent shares fall outside its window
    const id = await createCampaign(db, editor.id, {
      name: "Challenge",
      description: "Share it",
      goal: null,
      goalShares: 4,
      startsAt: now - 10 * DAY,
      endsAt: now - 8 * DAY,
    });
    await award(a.id, 10, now - 9 * DAY, "share");
    await award(a.id, 10, now - 9 * DAY + 1000, "share");
    const data = await jsonOf(await call(challengeRoute.loader, getRequest(`/campaigns/${id}`, { cookie: a.cookie }), { id }));
    expect(data.challenge).toMatchObject({
      name: "Challenge",
      description: "Share it",
      shares: 2,
      goalShares: 4,
      progress: 0.5,
      state: "ended",
    });
    expect(data.board.rows).toEqual([expect.objectContaining({ name: "Contributor", value: 2, rank: 1, isViewer: true })]);
    const missing = await call(challengeRoute.loader, getRequest("/campaigns/nope", { cookie: a.cookie }), { id: "nope" });
    expect(missing.status).toBe(404);
  });
});
