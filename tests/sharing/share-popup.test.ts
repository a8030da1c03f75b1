import { describe, expect, it } from "vitest";
import { setFollowerCounts } from "~/models/sharing/amplification.server";
import { db } from "~/utils/db.server";
import * as feedItemRoute from "~/routes/feed.$id";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { approvedItem, createActor } from "../content/helpers";

const post = (user: TestUser, itemId: string, body: Record<string, string>) =>
  call(feedItemRoute.action, postRequest(`/feed/${itemId}`, body, { cookie: user.cookie }), { id: itemId });

describe("how the share button reaches the network", () => {
  it("answers the popup and the page without JavaScript with what was recorded, the redirect otherwise", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const itemId = await approvedItem(editor, reviewer);
    const person = await createTestUser();
    const page = await jsonOf(
      await call(feedItemRoute.loader, getRequest(`/feed/${itemId}?network=linkedin`, { cookie: person.cookie }), { id: itemId }),
    );
    const draft = page.share.drafts.find((d: { network: string }) => d.network === "linkedin");
    const fields = { intent: "share", network: "linkedin", text: draft.text, subject: "", link: draft.trackedUrl };
    const networkUrl = `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(draft.trackedUrl)}`;

    const popup = await post(person, itemId, { ...fields, opened: "popup" });
    expect(popup.status).toBe(200);
    expect(await jsonOf(popup)).toEqual({
      ok: true,
      intent: "share",
      opened: "popup",
      network: "linkedin",
      networkUrl,
      scored: true,
      points: expect.any(Number),
      reachMissing: true,
    });

    await setFollowerCounts(db, person.id, { linkedin: 300, x: 0, facebook: 0, whatsapp: 0, email: 0 });
    const link = await jsonOf(await post(person, itemId, { ...fields, opened: "link" }));
    expect(link).toMatchObject({ opened: "link", networkUrl, scored: false, reachMissing: false });

    for (const opened of ["redirect", undefined]) {
      const redirected = await post(person, itemId, opened ? { ...fields, opened } : fields);
      expect(redirected.status).toBe(302);
      expect(redirected.headers.get("Location")).toBe(networkUrl);
    }
  });
});
