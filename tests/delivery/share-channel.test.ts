// Analytics count shares per channel by the share dialog's entry point: the ?via= of the link that
// opened it (digest and alert mail, Teams/Slack cards, the urgent bell), kept on the dialog's form.
import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import * as feedItemRoute from "~/routes/feed.$id";
import { db } from "~/utils/db.server";
import { approvedItem, createActor } from "../content/helpers";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";

const NOW = Date.now();
let ambassador: TestUser;
let publish: (title: string) => Promise<string>;

beforeAll(async () => {
  const editor = await createActor(["editor"]);
  const reviewer = await createActor(["reviewer"]);
  const guideline = await createGuideline({ required: true });
  ambassador = await createTestUser();
  const acknowledged = await acknowledgeGuideline(db, {
    userId: ambassador.id,
    versionId: guideline.versionId,
    language: "es",
    textHash: await textHashOf(guideline.versionId, "es"),
  });
  if (!acknowledged.ok) throw new Error(acknowledged.error);
  publish = (title) => approvedItem(editor, reviewer, { title, publishAt: NOW - 3_600_000 }, NOW - 7_200_000);
});

async function shareVia(search: string) {
  const itemId = await publish(`Entrada ${search || "directa"}`);
  const page = await jsonOf(
    await call(feedItemRoute.loader, getRequest(`/feed/${itemId}?network=linkedin${search}`, { cookie: ambassador.cookie }), {
      id: itemId,
    }),
  );
  const draft = page.share.drafts.find((d: { network: string }) => d.network === "linkedin");
  // The dialog's form posts to the page's own URL, ?via= included.
  const response = await call(
    feedItemRoute.action,
    postRequest(
      `/feed/${itemId}?network=linkedin${search}`,
      { intent: "copy", network: "linkedin", text: draft.text, subject: "", link: draft.trackedUrl },
      { cookie: ambassador.cookie },
    ),
    { id: itemId },
  );
  expect(response.status).toBeLessThan(400);
  const shares = await db.selectFrom("shares").select("channel").where("item_id", "=", itemId).execute();
  return { via: page.share.via as string, channels: shares.map((s) => s.channel) };
}

describe("a share's channel", () => {
  it("is the channel whose link opened the share dialog", async () => {
    for (const channel of ["digest", "alert", "teams", "slack"])
      expect(await shareVia(`&via=${channel}`)).toEqual({ via: channel, channels: [channel] });
  });

  it("is the feed when the dialog was opened from the app, or by a link naming no known channel", async () => {
    expect(await shareVia("")).toEqual({ via: "feed", channels: ["feed"] });
    expect(await shareVia("&via=newsletter")).toEqual({ via: "feed", channels: ["feed"] });
  });
});
