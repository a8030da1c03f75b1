// Sharing waits for the whole onboarding: required guidelines and required workshops. A person who
// has accepted the guidelines but not completed a required workshop is refused, and told which one.
import { beforeAll, describe, expect, it } from "vitest";
import { recordShare } from "~/models/sharing/shares.server";
import * as feedItemRoute from "~/routes/feed.$id";
import { db } from "~/utils/db.server";
import { approvedItem, createActor } from "../content/helpers";
import { call, createTestUser, getRequest, jsonOf, ORIGIN, postRequest, type TestUser } from "../support/http";
import { createTestWorkshop } from "../workshops/helpers";

const HOUR = 3_600_000;
let person: TestUser;
let itemId: string;
let workshop: { workshopId: string; slug: string; versionId: string };

beforeAll(async () => {
  const editor = await createActor(["editor"]);
  const reviewer = await createActor(["reviewer"]);
  itemId = await approvedItem(editor, reviewer, { publishAt: Date.now() - HOUR }, Date.now() - 2 * HOUR);
  workshop = await createTestWorkshop({ settings: { required: true } });
  person = await createTestUser();
});

describe("a required workshop not yet completed", () => {
  it("refuses the share in the model and the action, and the page names the workshop", async () => {
    expect(await recordShare(db, { userId: person.id, itemId, network: "linkedin", text: "Hola", origin: ORIGIN })).toEqual({
      ok: false,
      reason: "notOnboarded",
    });
    const response = await call(
      feedItemRoute.action,
      postRequest(`/feed/${itemId}`, { intent: "copy", network: "linkedin", text: "Hola" }, { cookie: person.cookie }),
      { id: itemId },
    );
    expect(response.status).toBe(403);
    const page = await jsonOf(await call(feedItemRoute.loader, getRequest(`/feed/${itemId}`, { cookie: person.cookie }), { id: itemId }));
    expect(page.share.canShare).toBe(false);
    expect(page.share.pendingWorkshops.map((w: { slug: string }) => w.slug)).toEqual([workshop.slug]);
    expect(await db.selectFrom("shares").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
  });

  it("lets the person share once it is completed", async () => {
    await db
      .insertInto("workshop_completions")
      .values({
        user_id: person.id,
        workshop_id: workshop.workshopId,
        version_id: workshop.versionId,
        method: "quiz",
        completed_at: Date.now(),
      })
      .execute();
    expect(await recordShare(db, { userId: person.id, itemId, network: "linkedin", text: "Hola", origin: ORIGIN })).toMatchObject({
      ok: true,
      scored: true,
    });
  });
});
