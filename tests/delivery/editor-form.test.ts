import { describe, expect, it } from "vitest";
import * as editPage from "~/routes/manage.content.$id.edit";
import * as itemPage from "~/routes/manage.content.$id._index";
import * as newPage from "~/routes/manage.content.new";
import { db } from "~/utils/db.server";
import { createActor } from "../content/helpers";
import { call, getRequest, jsonOf, postRequest } from "../support/http";

const form = {
  intent: "save",
  title: "Corte programado",
  commentary: "",
  destinationUrl: "https://example.com/news/corte",
  imageUrl: "",
  language: "es",
  campaignId: "",
  topics: "",
  hashtags: "",
  publishAt: "",
  expireAt: "",
  share_linkedin: "Corte programado esta noche.",
  share_x: "",
  share_facebook: "",
  share_whatsapp: "",
  share_email: "",
  share_email_subject: "",
};

const notifyNowOf = async (id: string) =>
  (await db.selectFrom("content_items").select("notify_now").where("id", "=", id).executeTakeFirstOrThrow()).notify_now;

describe("the editor's 'notify now'", () => {
  it("is a box on the item form, kept on the item, shown with this week's use of the cap", async () => {
    const editor = await createActor(["editor"]);
    const blank = await jsonOf(await call(newPage.loader, getRequest("/manage/content/new", { cookie: editor.cookie })));
    expect(blank.urgent).toEqual({ used: 0, cap: 2 });
    const created = await call(newPage.action, postRequest("/manage/content/new", { ...form, notifyNow: "1" }, { cookie: editor.cookie }));
    expect(created.status).toBe(302);
    const id = created.headers.get("Location")!.split("/").pop()!;
    expect(await notifyNowOf(id)).toBe(1);
    const edit = await jsonOf(await call(editPage.loader, getRequest(`/manage/content/${id}/edit`, { cookie: editor.cookie }), { id }));
    expect(edit.defaults.notifyNow).toBe("1");
    const page = await jsonOf(await call(itemPage.loader, getRequest(`/manage/content/${id}`, { cookie: editor.cookie }), { id }));
    expect(page.urgent).toEqual({ asked: true, outcome: null });
    // An unticked box is absent from the post: the item is no longer urgent.
    expect((await call(editPage.action, postRequest(`/manage/content/${id}/edit`, form, { cookie: editor.cookie }), { id })).status).toBe(
      302,
    );
    expect(await notifyNowOf(id)).toBe(0);
  });
});
