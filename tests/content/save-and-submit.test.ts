import { beforeAll, describe, expect, it } from "vitest";
import { createContentItem } from "~/models/content/items.server";
import * as editPage from "~/routes/manage.content.$id.edit";
import * as newPage from "~/routes/manage.content.new";
import { db } from "~/utils/db.server";
import { call, jsonOf, postRequest } from "../support/http";
import { contentInput, createActor, statusOf, transitionsOf, type TestActor } from "./helpers";

const fields = {
  title: "Abrimos los sábados",
  commentary: "Ahora también **los sábados**.",
  destinationUrl: "https://example.com/news/saturdays",
  imageUrl: "",
  language: "es",
  campaignId: "",
  topics: "servicio",
  hashtags: "",
  publishAt: "",
  share_linkedin: "Ya abrimos los sábados.",
  share_x: "",
  share_facebook: "",
  share_whatsapp: "",
  share_email: "",
  share_email_subject: "",
};

let editor: TestActor;
beforeAll(async () => {
  editor = await createActor(["editor", "employee"]);
});

const countItems = async () => Number((await db.selectFrom("content_items").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("save and submit with an expiry in the past", () => {
  it("creates nothing: the form comes back with the error on the expiry field and what was typed", async () => {
    const before = await countItems();
    const response = await call(newPage.action, postRequest("/manage/content/new", { ...fields, intent: "submit", expireAt: "2020-01-01T10:00" }, { cookie: editor.cookie }));
    expect(response.status).toBe(400);
    const body = await jsonOf(response);
    expect(body.errors).toEqual({ expireAt: "content.errors.alreadyExpired" });
    expect(body.values.title).toBe(fields.title);
    expect(await countItems()).toBe(before);
  });

  it("leaves an edited draft exactly as it was", async () => {
    const created = await createContentItem(db, editor, contentInput({ title: "Antes" }));
    if (!created.ok) throw new Error("item");
    const historyBefore = await transitionsOf(created.id);
    const response = await call(
      editPage.action,
      postRequest(`/manage/content/${created.id}/edit`, { ...fields, title: "Después", intent: "submit", expireAt: "2020-01-01T10:00" }, { cookie: editor.cookie }),
      { id: created.id },
    );
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toEqual({ expireAt: "content.errors.alreadyExpired" });
    const item = await db.selectFrom("content_items").select(["title", "expire_at", "status"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ title: "Antes", expire_at: null, status: "draft" });
    expect(await statusOf(created.id)).toBe("draft");
    expect(await transitionsOf(created.id)).toEqual(historyBefore);
  });

  it("still saves and submits in one step when the expiry is ahead", async () => {
    const response = await call(newPage.action, postRequest("/manage/content/new", { ...fields, intent: "submit", expireAt: "2099-01-01T10:00" }, { cookie: editor.cookie }));
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.split("/").pop()!;
    expect(await statusOf(id)).toBe("in_review");
  });
});
