// A campaign's share goal means the same on its page and in analytics: shares that count (that
// scored), so a re-share of the same link within a day is recorded but moves neither progress.
import { beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "~/models/content/campaigns.server";
import { campaignResults } from "~/models/conversions/campaign-results.server";
import { getChallenge } from "~/models/scoring/challenges.server";
import { recordShare } from "~/models/sharing/shares.server";
import { db } from "~/utils/db.server";
import { approvedItem, createActor } from "../content/helpers";
import { ORIGIN, createTestUser, type TestUser } from "../support/http";

const HOUR = 3_600_000;
const NOW = Date.now();
let person: TestUser;
let campaignId: string;
let itemId: string;

beforeAll(async () => {
  const editor = await createActor(["editor"]);
  const reviewer = await createActor(["reviewer"]);
  person = await createTestUser();
  campaignId = await createCampaign(db, editor.id, {
    name: "Fibra para todos",
    description: "",
    goal: null,
    goalShares: 4,
    startsAt: NOW - 24 * HOUR,
    endsAt: NOW + 9 * 24 * HOUR,
  });
  itemId = await approvedItem(editor, reviewer, { campaignId, publishAt: NOW - 2 * HOUR }, NOW - 3 * HOUR);
});

describe("the share goal", () => {
  it("counts the shares that scored, on the campaign's page and in analytics alike", async () => {
    const share = (network: "linkedin" | "x", at: number) =>
      recordShare(db, { userId: person.id, itemId, network, text: "Más fibra", origin: ORIGIN, now: at });
    expect(await share("linkedin", NOW - HOUR)).toMatchObject({ ok: true, scored: true });
    expect(await share("linkedin", NOW - HOUR / 2)).toMatchObject({ ok: true, scored: false });
    expect(await share("x", NOW - HOUR / 4)).toMatchObject({ ok: true, scored: true });
    const recorded = await db
      .selectFrom("analytics_rollups")
      .select((eb) => eb.fn.sum<number>("shares").as("n"))
      .where("dimension", "=", "campaign")
      .where("key", "=", campaignId)
      .where("grain", "=", "day")
      .executeTakeFirst();
    expect(Number(recorded?.n)).toBe(3);

    const page = await getChallenge(db, campaignId, { viewerId: person.id, viewerCanSeeNames: false });
    const results = await campaignResults(db, campaignId);
    expect(page?.challenge).toMatchObject({ shares: 2, progress: 0.5 });
    expect(results?.goals.find((g) => g.metric === "shares")).toEqual({ metric: "shares", target: 4, reached: 2, progress: 0.5 });
    expect(results?.shares).toBe(2);
  });
});
