// The editor's length check counts the network's required disclosure (Admin → Share guardrails): the
// form's counter and the server's save, submit and approval checks, also without JavaScript.
import { beforeAll, describe, expect, it } from "vitest";
import { createContentItem, transitionContent } from "~/models/content/items.server";
import { shareLength } from "~/models/content/text";
import { setDisclosures } from "~/models/sharing/guardrails.server";
import * as newPage from "~/routes/manage.content.new";
import { db } from "~/utils/db.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { contentInput, createActor, statusOf, type TestActor } from "./helpers";

// 250 characters fit X with the tracked link (250 + 2 + 23 = 275), but not with " #empleado" (285).
const LONG_X = "a".repeat(250);

const form = {
  intent: "save",
  title: "Tiendas abiertas en festivo",
  commentary: "",
  destinationUrl: "https://example.com/news/holiday-hours",
  imageUrl: "",
  language: "es",
  campaignId: "",
  topics: "",
  hashtags: "",
  publishAt: "",
  expireAt: "",
  share_linkedin: "Abrimos en festivo.",
  share_x: "Abrimos en festivo",
  share_facebook: "",
  share_whatsapp: "",
  share_email: "",
  share_email_subject: "",
};

let editor: TestActor;
let reviewer: TestActor;
let admin: TestUser;

const itemCount = async () => Number((await db.selectFrom("content_items").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const post = (body: Record<string, string>) => call(newPage.action, postRequest("/manage/content/new", body, { cookie: editor.cookie }));

beforeAll(async () => {
  editor = await createActor(["editor", "employee"]);
  reviewer = await createActor(["reviewer", "employee"]);
  admin = await createTestUser({ roles: ["admin"] });
});

describe("the length of a share text with the network's disclosure", () => {
  it("counts the disclosure when the text does not already hold it", () => {
    expect(shareLength("x", LONG_X, [], "#empleado") - shareLength("x", LONG_X, [])).toBe(" #empleado".length);
    expect(shareLength("x", `${LONG_X} #empleado`, [], "#empleado")).toBe(shareLength("x", `${LONG_X} #empleado`, []));
  });

  it("is what the editor's page gives its counter", async () => {
    expect((await setDisclosures(db, admin.id, { x: "#empleado" })).ok).toBe(true);
    const page = await jsonOf(await call(newPage.loader, getRequest("/manage/content/new", { cookie: editor.cookie })));
    expect(page.disclosures).toEqual({ x: "#empleado" });
  });
});

describe("saving (form posts, no JavaScript)", () => {
  it("refuses an X text or variant that the disclosure takes over 280, and writes nothing", async () => {
    expect((await setDisclosures(db, admin.id, { x: "#empleado" })).ok).toBe(true);
    const before = await itemCount();
    const main = await post({ ...form, share_x: LONG_X });
    expect(main.status).toBe(400);
    expect((await jsonOf(main)).errors).toEqual({ share_x: "content.errors.tooLongWithDisclosure" });
    const variant = await post({ ...form, share_x_v2: LONG_X });
    expect(variant.status).toBe(400);
    expect((await jsonOf(variant)).errors).toEqual({ share_x_v2: "content.errors.tooLongWithDisclosure" });
    expect(await itemCount()).toBe(before);
  });

  it("takes the same text when it fits with the disclosure, or when no disclosure is required", async () => {
    expect((await post({ ...form, share_x: "a".repeat(240) })).status).toBe(302);
    expect((await setDisclosures(db, admin.id, {})).ok).toBe(true);
    expect((await post({ ...form, share_x: LONG_X })).status).toBe(302);
  });
});

describe("approving", () => {
  it("is refused for a text written before the disclosure made it too long", async () => {
    expect((await setDisclosures(db, admin.id, {})).ok).toBe(true);
    const created = await createContentItem(db, editor, contentInput({ shareTexts: { x: { text: LONG_X } }, hashtags: [] }));
    if (!created.ok) throw new Error(created.error);
    expect((await transitionContent(db, editor, created.id, "submit")).ok).toBe(true);
    expect((await setDisclosures(db, admin.id, { x: "#empleado" })).ok).toBe(true);
    expect(await transitionContent(db, reviewer, created.id, "approve")).toEqual({ ok: false, error: "content.errors.tooLongWithDisclosure" });
    expect(await statusOf(created.id)).toBe("in_review");
    expect((await setDisclosures(db, admin.id, {})).ok).toBe(true);
    expect((await transitionContent(db, reviewer, created.id, "approve")).ok).toBe(true);
  });
});
