import { beforeAll, describe, expect, it } from "vitest";
import { CONTENT_STATUSES } from "#db/schema";
import { resources } from "~/locales";
import { createContentItem, transitionContent } from "~/models/content/items.server";
import { getContentItem } from "~/models/content/item-queries.server";
import { proposeIdea } from "~/models/content/ideas.server";
import { SHARE_NETWORKS } from "~/models/core/networks";
import { USER_ACTIONS } from "~/models/content/workflow";
import * as campaignEdit from "~/routes/manage.campaigns.$id";
import * as campaigns from "~/routes/manage.campaigns._index";
import * as itemPage from "~/routes/manage.content.$id._index";
import * as editPage from "~/routes/manage.content.$id.edit";
import * as dashboard from "~/routes/manage.content._index";
import * as newPage from "~/routes/manage.content.new";
import * as manageIdeas from "~/routes/manage.ideas";
import * as feedItem from "~/routes/feed.$id";
import * as feed from "~/routes/feed._index";
import * as ideas from "~/routes/ideas";
import * as reviewItem from "~/routes/review.$id";
import * as reviewQueue from "~/routes/review._index";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, getRequest, jsonOf, postRequest } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { approvedItem, contentInput, createActor, statusOf, type TestActor } from "./helpers";

const validItem = {
  intent: "save",
  title: "Atención al cliente amplía su horario",
  commentary: "Ahora también **los sábados**.",
  destinationUrl: "https://example.com/news/care-hours",
  imageUrl: "",
  language: "es",
  campaignId: "",
  topics: "atención al cliente, servicio",
  hashtags: "#Atención #Servicio",
  publishAt: "",
  expireAt: "",
  share_linkedin: "Nuestro equipo de atención al cliente ya abre los sábados.",
  share_x: "Ya abrimos los sábados",
  share_facebook: "",
  share_whatsapp: "",
  share_email: "",
  share_email_subject: "",
};

let editor: TestActor;
let reviewer: TestActor;
let employee: TestActor;

beforeAll(async () => {
  editor = await createActor(["editor", "employee"]);
  reviewer = await createActor(["reviewer", "employee"]);
  employee = await createActor(["employee"]);
});

const countItems = async () => Number((await db.selectFrom("content_items").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("creating items through the form", () => {
  it("creates a draft and shows it on the item page", async () => {
    const response = await call(newPage.action, postRequest("/manage/content/new", validItem, { cookie: editor.cookie }));
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.split("/").pop()!;
    const item = await getContentItem(db, id);
    expect(item).toMatchObject({ status: "draft", title: validItem.title, hashtags: "#Atención #Servicio", created_by: editor.id });
    expect(item?.topics).toEqual(["atención al cliente", "servicio"]);
    const page = await jsonOf(await call(itemPage.loader, getRequest(`/manage/content/${id}`, { cookie: editor.cookie }), { id }));
    expect(page.actions).toEqual(["submit", "archive"]);
    expect(page.item.commentaryHtml).toContain("<strong>los sábados</strong>");
  });

  it("saves and submits in one step, interpreting dates in the organisation's time zone", async () => {
    const response = await call(
      newPage.action,
      postRequest("/manage/content/new", { ...validItem, intent: "submit", publishAt: "2031-03-01T09:00", expireAt: "2031-03-31T23:30" }, { cookie: editor.cookie }),
    );
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.split("/").pop()!;
    const item = await getContentItem(db, id);
    expect(item?.status).toBe("in_review");
    // Europe/Madrid is UTC+1 in March before the clocks change.
    expect(item?.publish_at).toBe(Date.UTC(2031, 2, 1, 8, 0));
    expect(item?.expire_at).toBe(Date.UTC(2031, 2, 31, 21, 30));
  });

  it("refuses bad input with field errors and creates nothing", async () => {
    const before = await countItems();
    const response = await call(
      newPage.action,
      postRequest(
        "/manage/content/new",
        {
          ...validItem,
          title: "  ",
          destinationUrl: "javascript:alert(1)",
          imageUrl: "data:image/png;base64,AAAA",
          language: "fr",
          hashtags: "#ok #not-ok",
          topics: "x".repeat(41),
          publishAt: "2031-03-02T10:00",
          expireAt: "2031-03-01T10:00",
          share_x: "a".repeat(260),
          share_linkedin: "b".repeat(2990),
          share_email_subject: "s".repeat(121),
        },
        { cookie: editor.cookie },
      ),
    );
    expect(response.status).toBe(400);
    const { errors } = await jsonOf(response);
    expect(errors).toMatchObject({
      title: "validation.required",
      destinationUrl: "content.errors.url",
      imageUrl: "content.errors.url",
      language: expect.any(String),
      hashtags: "content.errors.hashtags",
      topics: "content.errors.topics",
      expireAt: "content.errors.expireBeforePublish",
      share_x: "content.errors.tooLongForNetwork",
      share_linkedin: "content.errors.tooLongForNetwork",
      share_email_subject: "validation.tooLong",
    });
    for (const key of Object.values(errors) as string[]) expectTranslated(key);
    expect(await countItems()).toBe(before);
  });

  it("counts X links as 23 characters when checking the form", async () => {
    // 250 letters + a 300-character URL: 250 + 1 + 23 + 2 (blank line) + 23 (tracked link) = 299 > 280.
    const tooLong = `${"a".repeat(250)} https://example.com/${"p".repeat(280)}`;
    const fits = `${"a".repeat(200)} https://example.com/${"p".repeat(280)}`;
    const bad = await call(newPage.action, postRequest("/manage/content/new", { ...validItem, hashtags: "", share_x: tooLong }, { cookie: editor.cookie }));
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors.share_x).toBe("content.errors.tooLongForNetwork");
    const good = await call(newPage.action, postRequest("/manage/content/new", { ...validItem, hashtags: "", share_x: fits }, { cookie: editor.cookie }));
    expect(good.status).toBe(302);
  });

  it("refuses unknown departments without creating anything", async () => {
    const before = await countItems();
    const response = await call(newPage.action, postRequest("/manage/content/new", { ...validItem, departmentIds: ["nope"] }, { cookie: editor.cookie }));
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toEqual({ departmentIds: "content.errors.unknownDepartment" });
    expect(await countItems()).toBe(before);
  });

  it("is for editors only", async () => {
    const response = await call(newPage.action, postRequest("/manage/content/new", validItem, { cookie: reviewer.cookie }));
    expect(response.status).toBe(403);
  });
});

describe("editing through the form", () => {
  it("refuses bad input and leaves the item unchanged", async () => {
    const created = await createContentItem(db, editor, contentInput());
    if (!created.ok) throw new Error("setup");
    const response = await call(editPage.action, postRequest(`/manage/content/${created.id}/edit`, { ...validItem, title: "", destinationUrl: "ftp://example.com" }, { cookie: editor.cookie }), {
      id: created.id,
    });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toMatchObject({ title: "validation.required", destinationUrl: "content.errors.url" });
    expect((await getContentItem(db, created.id))?.title).toBe("Nueva cobertura de fibra en Valencia");
  });

  it("refuses to edit an item in review with a translated error", async () => {
    const created = await createContentItem(db, editor, contentInput());
    if (!created.ok) throw new Error("setup");
    await transitionContent(db, editor, created.id, "submit");
    const response = await call(editPage.action, postRequest(`/manage/content/${created.id}/edit`, validItem, { cookie: editor.cookie }), { id: created.id });
    expect(response.status).toBe(400);
    const { errors } = await jsonOf(response);
    expect(errors).toEqual({ "": "content.errors.notAllowedInState" });
    expectTranslated(errors[""]);
    const page = await jsonOf(await call(editPage.loader, getRequest(`/manage/content/${created.id}/edit`, { cookie: editor.cookie }), { id: created.id }));
    expect(page.editable).toBe(false);
  });

  it("saves an approved item back to draft", async () => {
    const id = await approvedItem(editor, reviewer);
    const response = await call(editPage.action, postRequest(`/manage/content/${id}/edit`, validItem, { cookie: editor.cookie }), { id });
    expect(response.status).toBe(302);
    expect(await statusOf(id)).toBe("draft");
  });

  it("answers 404 for unknown items", async () => {
    expect((await call(editPage.loader, getRequest("/manage/content/nope/edit", { cookie: editor.cookie }), { id: "nope" })).status).toBe(404);
    expect((await call(editPage.action, postRequest("/manage/content/nope/edit", validItem, { cookie: editor.cookie }), { id: "nope" })).status).toBe(404);
  });
});

describe("workflow buttons", () => {
  it("submits, and refuses a step the state does not allow, with a translated error", async () => {
    const created = await createContentItem(db, editor, contentInput());
    if (!created.ok) throw new Error("setup");
    const id = created.id;
    const ok = await call(itemPage.action, postRequest(`/manage/content/${id}`, { intent: "submit" }, { cookie: editor.cookie }), { id });
    expect(ok.status).toBe(302);
    expect(await statusOf(id)).toBe("in_review");
    const refused = await call(itemPage.action, postRequest(`/manage/content/${id}`, { intent: "restore" }, { cookie: editor.cookie }), { id });
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors).toEqual({ "": "content.errors.notAllowedInState" });
    expect(await statusOf(id)).toBe("in_review");
  });

  it("refuses a missing or unknown intent", async () => {
    const created = await createContentItem(db, editor, contentInput());
    if (!created.ok) throw new Error("setup");
    const none = await call(itemPage.action, postRequest(`/manage/content/${created.id}`, {}, { cookie: editor.cookie }), { id: created.id });
    expect(none.status).toBe(400);
    expectTranslated((await jsonOf(none)).errors[""]);
    const unknown = await call(itemPage.action, postRequest(`/manage/content/${created.id}`, { intent: "approve" }, { cookie: editor.cookie }), { id: created.id });
    expect(unknown.status).toBe(400);
    expect((await jsonOf(unknown)).errors.intent).toBe("validation.invalid");
    expect(await statusOf(created.id)).toBe("draft");
  });
});

describe("review", () => {
  async function inReview() {
    const created = await createContentItem(db, editor, contentInput());
    if (!created.ok) throw new Error("setup");
    await transitionContent(db, editor, created.id, "submit");
    return created.id;
  }

  it("shows the queue to reviewers and lets them approve", async () => {
    const id = await inReview();
    const queue = await jsonOf(await call(reviewQueue.loader, getRequest("/review", { cookie: reviewer.cookie })));
    expect(queue.queue.map((q: { id: string }) => q.id)).toContain(id);
    const page = await jsonOf(await call(reviewItem.loader, getRequest(`/review/${id}`, { cookie: reviewer.cookie }), { id }));
    expect(page).toMatchObject({ canApprove: true, canRequestChanges: true, own: false });
    const response = await call(reviewItem.action, postRequest(`/review/${id}`, { intent: "approve", comment: "" }, { cookie: reviewer.cookie }), { id });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/review");
    expect(await statusOf(id)).toBe("published");
  });

  it("requires a comment to request changes, and changes nothing without one", async () => {
    const id = await inReview();
    const response = await call(reviewItem.action, postRequest(`/review/${id}`, { intent: "request_changes", comment: " " }, { cookie: reviewer.cookie }), { id });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toEqual({ comment: "content.errors.commentRequired" });
    expect(await statusOf(id)).toBe("in_review");
    const ok = await call(reviewItem.action, postRequest(`/review/${id}`, { intent: "request_changes", comment: "Cita la fuente, por favor." }, { cookie: reviewer.cookie }), { id });
    expect(ok.status).toBe(302);
    expect(await statusOf(id)).toBe("changes_requested");
  });

  it("refuses self-approval with a translated error", async () => {
    const both = await createActor(["editor", "reviewer"]);
    const created = await createContentItem(db, both, contentInput());
    if (!created.ok) throw new Error("setup");
    await transitionContent(db, both, created.id, "submit");
    const page = await jsonOf(await call(reviewItem.loader, getRequest(`/review/${created.id}`, { cookie: both.cookie }), { id: created.id }));
    expect(page).toMatchObject({ canApprove: false, own: true });
    const response = await call(reviewItem.action, postRequest(`/review/${created.id}`, { intent: "approve" }, { cookie: both.cookie }), { id: created.id });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toEqual({ "": "content.errors.selfApproval" });
    expect(await statusOf(created.id)).toBe("in_review");
  });

  it("refuses editors and employees", async () => {
    const id = await inReview();
    expect((await call(reviewItem.action, postRequest(`/review/${id}`, { intent: "approve" }, { cookie: editor.cookie }), { id })).status).toBe(403);
    expect((await call(reviewItem.action, postRequest(`/review/${id}`, { intent: "approve" }, { cookie: employee.cookie }), { id })).status).toBe(403);
    expect(await statusOf(id)).toBe("in_review");
  });
});

describe("notifications", () => {
  const mailsTo = (email: string) => db.selectFrom("outbox").select(["subject", "text_body", "html_body"]).where("to_address", "=", email).execute();

  it("mails reviewers when an item is submitted and its author when it is decided, in their language", async () => {
    const author = await createActor(["editor"]);
    const englishReviewer = await createActor(["reviewer"]);
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", englishReviewer.id).execute();
    const created = await createContentItem(db, author, contentInput({ title: "Tienda <nueva> en Cádiz" }));
    if (!created.ok) throw new Error("setup");
    const id = created.id;
    expect((await call(itemPage.action, postRequest(`/manage/content/${id}`, { intent: "submit" }, { cookie: author.cookie }), { id })).status).toBe(302);
    const toReviewer = await mailsTo(englishReviewer.email);
    expect(toReviewer).toHaveLength(1);
    expect(toReviewer[0].subject).toBe("Waiting for review: Tienda <nueva> en Cádiz");
    expect(toReviewer[0].text_body).toContain(`http://altavoz.test/review/${id}`);
    expect(toReviewer[0].html_body).toContain("Tienda &lt;nueva&gt; en Cádiz");
    expect(await mailsTo(author.email)).toEqual([]);

    const response = await call(reviewItem.action, postRequest(`/review/${id}`, { intent: "request_changes", comment: "Falta el horario." }, { cookie: englishReviewer.cookie }), { id });
    expect(response.status).toBe(302);
    const toAuthor = await mailsTo(author.email);
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0].subject).toBe("Cambios solicitados: Tienda <nueva> en Cádiz");
    expect(toAuthor[0].text_body).toContain("Comentario: Falta el horario.");
  });
});

describe("feed pages", () => {
  it("lists published items for my department and hides others, with a 404 for items I may not see", async () => {
    const dept = await createTestDepartment("Tecnología (rutas)");
    const other = await createTestDepartment("Ventas (rutas)");
    const me = await createActor(["employee"], dept);
    const mine = await approvedItem(editor, reviewer, { title: "Para Tecnología", departmentIds: [dept] });
    const theirs = await approvedItem(editor, reviewer, { title: "Para Ventas", departmentIds: [other] });
    const data = await jsonOf(await call(feed.loader, getRequest("/feed", { cookie: me.cookie })));
    const titles = data.items.map((i: { title: string }) => i.title);
    expect(titles).toContain("Para Tecnología");
    expect(titles).not.toContain("Para Ventas");
    expect((await call(feedItem.loader, getRequest(`/feed/${mine}`, { cookie: me.cookie }), { id: mine })).status).toBe(200);
    expect((await call(feedItem.loader, getRequest(`/feed/${theirs}`, { cookie: me.cookie }), { id: theirs })).status).toBe(404);
  });

  it("uses my language unless I ask for both, and ignores malformed filters", async () => {
    const me = await createActor(["employee"]);
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", me.id).execute();
    await approvedItem(editor, reviewer, { title: "Only in English please", language: "en" });
    await approvedItem(editor, reviewer, { title: "Solo en español", language: "es" });
    const mine = await jsonOf(await call(feed.loader, getRequest("/feed?q=only%20in", { cookie: me.cookie })));
    expect(mine.items.map((i: { title: string }) => i.title)).toEqual(["Only in English please"]);
    const both = await jsonOf(await call(feed.loader, getRequest("/feed?lang=all&q=solo", { cookie: me.cookie })));
    expect(both.items.map((i: { title: string }) => i.title)).toEqual(["Solo en español"]);
    const odd = await call(feed.loader, getRequest(`/feed?lang=xx&page=-3&q=${"z".repeat(500)}`, { cookie: me.cookie }));
    expect(odd.status).toBe(200);
    expect((await jsonOf(odd)).filters.lang).toBe("mine");
  });
});

describe("ideas pages", () => {
  const countIdeas = async () => Number((await db.selectFrom("ideas").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("refuses bad ideas with field errors and stores nothing", async () => {
    const before = await countIdeas();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ kind: "url", url: "", reason: "" }, { url: "validation.required", reason: "content.ideas.errors.reasonRequired" }],
      [{ kind: "url", url: "javascript:alert(1)", reason: "why" }, { url: "content.errors.url" }],
      [{ kind: "post", text: "  " }, { text: "validation.required" }],
      [{ kind: "other" }, { kind: "validation.required" }],
    ];
    for (const [fields, expected] of cases) {
      const response = await call(ideas.action, postRequest("/ideas", fields, { cookie: employee.cookie }));
      expect(response.status).toBe(400);
      expect((await jsonOf(response)).errors).toMatchObject(expected);
      for (const key of Object.values(expected)) expectTranslated(key);
    }
    expect(await countIdeas()).toBe(before);
  });

  it("stores a valid idea and lists it for its proposer", async () => {
    const response = await call(ideas.action, postRequest("/ideas", { kind: "url", url: "https://example.com/volunteering", reason: "Great day" }, { cookie: employee.cookie }));
    expect(response.status).toBe(302);
    const page = await jsonOf(await call(ideas.loader, getRequest("/ideas", { cookie: employee.cookie })));
    expect(page.ideas[0]).toMatchObject({ kind: "url", summary: "https://example.com/volunteering", status: "pending" });
  });

  it("lets editors decline with a reason (required) and accept into a draft", async () => {
    const ideaId = await proposeIdea(db, employee.id, { kind: "url", url: "https://example.com/a", text: null, reason: "Because" });
    const missing = await call(manageIdeas.action, postRequest("/manage/ideas", { intent: "decline", ideaId, reason: "" }, { cookie: editor.cookie }));
    expect(missing.status).toBe(400);
    expect(await jsonOf(missing)).toMatchObject({ errors: { reason: "content.ideas.errors.declineReasonRequired" }, ideaId });
    expect((await db.selectFrom("ideas").select("status").where("id", "=", ideaId).executeTakeFirstOrThrow()).status).toBe("pending");
    const accepted = await call(manageIdeas.action, postRequest("/manage/ideas", { intent: "accept", ideaId }, { cookie: editor.cookie }));
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toMatch(/^\/manage\/content\/[\w-]+\/edit$/);
    const again = await call(manageIdeas.action, postRequest("/manage/ideas", { intent: "decline", ideaId, reason: "late" }, { cookie: editor.cookie }));
    expect(again.status).toBe(400);
    expect((await jsonOf(again)).errors).toEqual({ "": "content.ideas.errors.notPending" });
    expect((await call(manageIdeas.action, postRequest("/manage/ideas", { intent: "accept", ideaId }, { cookie: employee.cookie }))).status).toBe(403);
  });
});

describe("campaign pages", () => {
  const validCampaign = { name: "Fibra en Valencia", description: "Despliegue 2031", goal: "Darlo a conocer", goalShares: "500", startsOn: "2031-03-01", endsOn: "2031-03-31" };
  const countCampaigns = async () => Number((await db.selectFrom("campaigns").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

  it("creates a campaign with whole days in the organisation's zone", async () => {
    const response = await call(campaigns.action, postRequest("/manage/campaigns", validCampaign, { cookie: editor.cookie }));
    expect(response.status).toBe(302);
    const row = await db.selectFrom("campaigns").selectAll().where("name", "=", "Fibra en Valencia").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ goal_shares: 500, starts_at: Date.UTC(2031, 1, 28, 23, 0), ends_at: Date.UTC(2031, 2, 31, 22, 0), created_by: editor.id });
  });

  it("refuses bad input with field errors and stores nothing", async () => {
    const before = await countCampaigns();
    const response = await call(
      campaigns.action,
      postRequest("/manage/campaigns", { ...validCampaign, name: "", goalShares: "-1", startsOn: "2031-02-30", endsOn: "" }, { cookie: editor.cookie }),
    );
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors).toMatchObject({ name: "validation.required", goalShares: "content.campaigns.errors.goalShares", startsOn: "content.errors.date", endsOn: "validation.required" });
    const reversed = await call(campaigns.action, postRequest("/manage/campaigns", { ...validCampaign, startsOn: "2031-04-01" }, { cookie: editor.cookie }));
    expect((await jsonOf(reversed)).errors).toEqual({ endsOn: "content.campaigns.errors.endBeforeStart" });
    expect(await countCampaigns()).toBe(before);
  });

  it("edits, refuses bad edits, and deletes only campaigns without content", async () => {
    await call(campaigns.action, postRequest("/manage/campaigns", { ...validCampaign, name: "Voluntariado 2031" }, { cookie: editor.cookie }));
    const row = await db.selectFrom("campaigns").select("id").where("name", "=", "Voluntariado 2031").executeTakeFirstOrThrow();
    const page = await jsonOf(await call(campaignEdit.loader, getRequest(`/manage/campaigns/${row.id}`, { cookie: editor.cookie }), { id: row.id }));
    expect(page.defaults).toMatchObject({ startsOn: "2031-03-01", endsOn: "2031-03-31", goalShares: "500" });
    const bad = await call(campaignEdit.action, postRequest(`/manage/campaigns/${row.id}`, { ...validCampaign, name: " " }, { cookie: editor.cookie }), { id: row.id });
    expect(bad.status).toBe(400);
    expect((await db.selectFrom("campaigns").select("name").where("id", "=", row.id).executeTakeFirstOrThrow()).name).toBe("Voluntariado 2031");
    await createContentItem(db, editor, contentInput({ campaignId: row.id }));
    const refused = await call(campaignEdit.action, postRequest(`/manage/campaigns/${row.id}`, { intent: "delete" }, { cookie: editor.cookie }), { id: row.id });
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors).toEqual({ "": "content.campaigns.errors.hasContent" });
    const empty = await call(campaigns.action, postRequest("/manage/campaigns", { ...validCampaign, name: "Vacía" }, { cookie: editor.cookie }));
    expect(empty.status).toBe(302);
    const emptyRow = await db.selectFrom("campaigns").select("id").where("name", "=", "Vacía").executeTakeFirstOrThrow();
    expect((await call(campaignEdit.action, postRequest(`/manage/campaigns/${emptyRow.id}`, { intent: "delete" }, { cookie: editor.cookie }), { id: emptyRow.id })).status).toBe(302);
    expect(await db.selectFrom("campaigns").select("id").where("id", "=", emptyRow.id).executeTakeFirst()).toBeUndefined();
  });
});

describe("dashboard page", () => {
  it("shows editors the waiting count and the status counts", async () => {
    const data = await jsonOf(await call(dashboard.loader, getRequest("/manage/content?status=in_review", { cookie: editor.cookie })));
    expect(data.dashboard.waitingCount).toBe(data.dashboard.byStatus.in_review);
    expect(data.items.every((i: { status: string }) => i.status === "in_review")).toBe(true);
    expect((await call(dashboard.loader, getRequest("/manage/content", { cookie: employee.cookie }))).status).toBe(403);
  });
});

describe("translations", () => {
  it("has the same content keys in Spanish and English, and every status, action and network", () => {
    const keys = (tree: object, prefix = ""): string[] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(resources.es.translation.content).sort()).toEqual(keys(resources.en.translation.content).sort());
    for (const status of CONTENT_STATUSES) expectTranslated(`content.status.${status}`);
    for (const action of USER_ACTIONS) expectTranslated(`content.actions.${action}`);
    for (const action of USER_ACTIONS.filter((a) => a !== "approve" && a !== "request_changes")) expectTranslated(`content.toasts.${action}`);
    for (const network of SHARE_NETWORKS) expectTranslated(`content.networks.${network}`);
    for (const unit of ["minutes", "hours", "days"]) {
      expectTranslated(`content.waiting.${unit}`);
      expectTranslated(`content.duration.${unit}`);
    }
  });
});
