import { describe, expect, it } from "vitest";
import type { ContentStatus } from "#db/schema";
import { createContentItem, materialiseLifecycle, transitionContent, updateContentItem } from "~/models/content/items.server";
import { getContentItem } from "~/models/content/item-queries.server";
import { availableActions, effectiveStatus, refusalFor, type UserContentAction } from "~/models/content/workflow";
import { startContentScheduler, stopContentScheduler } from "~/runtime/scheduler.server";
import { db } from "~/utils/db.server";
import { approvedItem, contentInput, createActor, statusOf, transitionsOf } from "./helpers";

const HOUR = 60 * 60 * 1000;

async function draftBy(editor: Awaited<ReturnType<typeof createActor>>, overrides = {}) {
  const created = await createContentItem(db, editor, contentInput(overrides));
  if (!created.ok) throw new Error(created.error);
  return created.id;
}

describe("creating and editing", () => {
  it("lets editors create drafts and records the creation", async () => {
    const editor = await createActor(["editor"]);
    const id = await draftBy(editor);
    expect(await statusOf(id)).toBe("draft");
    expect(await transitionsOf(id)).toMatchObject([{ from_status: null, to_status: "draft", actor_id: editor.id }]);
    const item = await getContentItem(db, id);
    expect(item?.shareTexts.linkedin?.text).toBe("Más fibra para Valencia.");
    expect(item?.topics).toEqual(["fibra"]);
    expect(item?.hashtagList).toEqual(["#Fibra"]);
  });

  it("refuses creation and edits by people who are not editors", async () => {
    const reviewer = await createActor(["reviewer", "employee"]);
    expect(await createContentItem(db, reviewer, contentInput())).toEqual({ ok: false, error: "content.errors.roleRequired" });
    const editor = await createActor(["editor"]);
    const id = await draftBy(editor);
    expect(await updateContentItem(db, reviewer, id, contentInput({ title: "Changed" }))).toEqual({ ok: false, error: "content.errors.roleRequired" });
    expect((await getContentItem(db, id))?.title).toBe("Nueva cobertura de fibra en Valencia");
  });

  it("refuses unknown departments and campaigns, and an expiry before publication", async () => {
    const editor = await createActor(["editor"]);
    expect(await createContentItem(db, editor, contentInput({ departmentIds: ["nope"] }))).toMatchObject({ ok: false, field: "departmentIds" });
    expect(await createContentItem(db, editor, contentInput({ campaignId: "nope" }))).toMatchObject({ ok: false, field: "campaignId" });
    expect(await createContentItem(db, editor, contentInput({ publishAt: 2000, expireAt: 2000 }))).toMatchObject({ ok: false, field: "expireAt" });
  });

  it("keeps a draft or an item with changes requested in its state when edited", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const id = await draftBy(editor);
    expect(await updateContentItem(db, editor, id, contentInput({ title: "Edited" }))).toMatchObject({ ok: true, status: "draft" });
    await transitionContent(db, editor, id, "submit");
    await transitionContent(db, reviewer, id, "request_changes", { comment: "Cita la fuente." });
    expect(await updateContentItem(db, editor, id, contentInput({ title: "Edited again" }))).toMatchObject({ ok: true, status: "changes_requested" });
  });

  it("refuses edits while the item is in review, expired or archived", async () => {
    const editor = await createActor(["editor"]);
    const id = await draftBy(editor);
    await transitionContent(db, editor, id, "submit");
    expect(await updateContentItem(db, editor, id, contentInput({ title: "Sneaky" }))).toEqual({ ok: false, error: "content.errors.notAllowedInState" });
    await transitionContent(db, editor, id, "archive");
    expect(await updateContentItem(db, editor, id, contentInput({ title: "Sneaky" }))).toEqual({ ok: false, error: "content.errors.notAllowedInState" });
    expect((await getContentItem(db, id))?.title).toBe("Nueva cobertura de fibra en Valencia");
  });

  it("sends an approved or published item back to draft for a new review when edited, recording it", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const now = Date.now();
    const id = await approvedItem(editor, reviewer, { publishAt: now - HOUR });
    expect(await statusOf(id)).toBe("published");
    const result = await updateContentItem(db, editor, id, contentInput({ title: "Corrected title" }));
    expect(result).toMatchObject({ ok: true, status: "draft" });
    const item = await getContentItem(db, id);
    expect(item).toMatchObject({ status: "draft", approved_at: null, approved_by: null, submitted_at: null, title: "Corrected title" });
    expect((await transitionsOf(id)).map((t) => `${t.from_status}>${t.to_status}`)).toEqual([
      "null>draft",
      "draft>in_review",
      "in_review>approved",
      "approved>published",
      "published>draft",
    ]);
  });
});

describe("workflow transitions by role", () => {
  const cases: { action: UserContentAction; from: ContentStatus; allowed: string[]; refused: string[] }[] = [
    { action: "submit", from: "draft", allowed: ["editor"], refused: ["reviewer", "employee", "admin", "hr"] },
    { action: "withdraw", from: "in_review", allowed: ["editor"], refused: ["reviewer", "employee"] },
    { action: "approve", from: "in_review", allowed: ["reviewer"], refused: ["editor", "employee", "admin", "hr"] },
    { action: "request_changes", from: "in_review", allowed: ["reviewer"], refused: ["editor", "employee", "admin"] },
    { action: "archive", from: "approved", allowed: ["editor"], refused: ["reviewer", "employee"] },
    { action: "restore", from: "archived", allowed: ["editor"], refused: ["reviewer", "employee"] },
  ];
  const item = (status: ContentStatus) => ({ status, publish_at: null, expire_at: null, created_by: "author", updated_by: "author", proposed_by: null });

  for (const c of cases) {
    it(`${c.action} from ${c.from}: allowed for ${c.allowed.join(", ")}, refused for ${c.refused.join(", ")}`, () => {
      for (const role of c.allowed) expect(refusalFor(c.action, item(c.from), { id: "someone", roles: [role as never] }, 0)).toBeNull();
      for (const role of c.refused) expect(refusalFor(c.action, item(c.from), { id: "someone", roles: [role as never] }, 0)).toBe("content.errors.roleRequired");
    });
  }

  it("refuses actions from states they do not start from", () => {
    const editor = { id: "e", roles: ["editor" as const] };
    const reviewer = { id: "r", roles: ["reviewer" as const] };
    expect(refusalFor("submit", item("in_review"), editor, 0)).toBe("content.errors.notAllowedInState");
    expect(refusalFor("submit", item("approved"), editor, 0)).toBe("content.errors.notAllowedInState");
    expect(refusalFor("approve", item("draft"), reviewer, 0)).toBe("content.errors.notAllowedInState");
    expect(refusalFor("approve", item("changes_requested"), reviewer, 0)).toBe("content.errors.notAllowedInState");
    expect(refusalFor("request_changes", item("approved"), reviewer, 0)).toBe("content.errors.notAllowedInState");
    expect(refusalFor("withdraw", item("draft"), editor, 0)).toBe("content.errors.notAllowedInState");
    expect(refusalFor("archive", item("archived"), editor, 0)).toBe("content.errors.notAllowedInState");
    expect(refusalFor("restore", item("published"), editor, 0)).toBe("content.errors.notAllowedInState");
  });

  it("runs the whole happy path against the database, recording who, when and the comment", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const t0 = Date.now();
    const id = await draftBy(editor, { publishAt: t0 + 10 * HOUR });
    expect(await transitionContent(db, editor, id, "submit", { now: t0 + HOUR })).toEqual({ ok: true, status: "in_review" });
    expect(await transitionContent(db, reviewer, id, "request_changes", { comment: "  Falta la fuente.  ", now: t0 + 2 * HOUR })).toEqual({
      ok: true,
      status: "changes_requested",
    });
    expect(await transitionContent(db, editor, id, "submit", { now: t0 + 3 * HOUR })).toEqual({ ok: true, status: "in_review" });
    expect(await transitionContent(db, reviewer, id, "approve", { comment: "OK", now: t0 + 4 * HOUR })).toEqual({ ok: true, status: "approved" });
    const item = await getContentItem(db, id);
    expect(item).toMatchObject({ status: "approved", approved_by: reviewer.id, approved_at: t0 + 4 * HOUR, submitted_at: t0 + 3 * HOUR, publish_at: t0 + 10 * HOUR });
    expect(await transitionsOf(id)).toEqual([
      { from_status: null, to_status: "draft", actor_id: editor.id, comment: null, at: expect.any(Number) },
      { from_status: "draft", to_status: "in_review", actor_id: editor.id, comment: null, at: t0 + HOUR },
      { from_status: "in_review", to_status: "changes_requested", actor_id: reviewer.id, comment: "Falta la fuente.", at: t0 + 2 * HOUR },
      { from_status: "changes_requested", to_status: "in_review", actor_id: editor.id, comment: null, at: t0 + 3 * HOUR },
      { from_status: "in_review", to_status: "approved", actor_id: reviewer.id, comment: "OK", at: t0 + 4 * HOUR },
    ]);
    // The scheduler publishes it at publish_at and expires nothing.
    expect(await materialiseLifecycle(db, t0 + 10 * HOUR)).toEqual({ published: 1, expired: 0 });
    expect((await transitionsOf(id)).at(-1)).toEqual({ from_status: "approved", to_status: "published", actor_id: null, comment: null, at: t0 + 10 * HOUR });
  });

  it("refuses an editor's approval and a reviewer's submission in the database, changing nothing", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const otherEditor = await createActor(["editor"]);
    const id = await draftBy(editor);
    expect(await transitionContent(db, reviewer, id, "submit")).toEqual({ ok: false, error: "content.errors.roleRequired" });
    await transitionContent(db, editor, id, "submit");
    expect(await transitionContent(db, otherEditor, id, "approve")).toEqual({ ok: false, error: "content.errors.roleRequired" });
    expect(await statusOf(id)).toBe("in_review");
    expect(await transitionsOf(id)).toHaveLength(2);
  });

  it("requires a comment to request changes", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const id = await draftBy(editor);
    await transitionContent(db, editor, id, "submit");
    expect(await transitionContent(db, reviewer, id, "request_changes", { comment: "   " })).toEqual({ ok: false, error: "content.errors.commentRequired" });
    expect(await statusOf(id)).toBe("in_review");
  });

  it("lets an editor withdraw from review and archive and restore", async () => {
    const editor = await createActor(["editor"]);
    const id = await draftBy(editor);
    await transitionContent(db, editor, id, "submit");
    expect(await transitionContent(db, editor, id, "withdraw")).toEqual({ ok: true, status: "draft" });
    expect(await transitionContent(db, editor, id, "archive")).toEqual({ ok: true, status: "archived" });
    expect(await transitionContent(db, editor, id, "archive")).toEqual({ ok: false, error: "content.errors.notAllowedInState" });
    expect(await transitionContent(db, editor, id, "restore")).toEqual({ ok: true, status: "draft" });
  });

  it("refuses to submit an item without a valid destination (e.g. a draft made from an idea)", async () => {
    const editor = await createActor(["editor"]);
    const id = await draftBy(editor, { destinationUrl: "" });
    expect(await transitionContent(db, editor, id, "submit")).toEqual({ ok: false, error: "content.errors.incomplete" });
  });

  it("refuses to submit or approve an item whose expiry has passed", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const now = Date.now();
    const id = await draftBy(editor, { expireAt: now + HOUR });
    expect(await transitionContent(db, editor, id, "submit", { now })).toMatchObject({ ok: true });
    expect(await transitionContent(db, reviewer, id, "approve", { now: now + HOUR })).toEqual({ ok: false, error: "content.errors.alreadyExpired" });
  });

  it("returns not found for unknown items", async () => {
    const editor = await createActor(["editor"]);
    expect(await transitionContent(db, editor, "missing", "submit")).toEqual({ ok: false, error: "content.errors.notFound" });
  });
});

describe("self-approval", () => {
  it("refuses approval by the item's author even when they are also a reviewer", async () => {
    const both = await createActor(["editor", "reviewer"]);
    const id = await draftBy(both);
    await transitionContent(db, both, id, "submit");
    expect(await transitionContent(db, both, id, "approve")).toEqual({ ok: false, error: "content.errors.selfApproval" });
    expect(await transitionContent(db, both, id, "request_changes", { comment: "Mine" })).toEqual({ ok: false, error: "content.errors.selfApproval" });
    expect(await statusOf(id)).toBe("in_review");
  });

  it("refuses approval by the last editor, and allows it for another reviewer", async () => {
    const author = await createActor(["editor"]);
    const editorReviewer = await createActor(["editor", "reviewer"]);
    const reviewer = await createActor(["reviewer"]);
    const id = await draftBy(author);
    await updateContentItem(db, editorReviewer, id, contentInput({ title: "Touched by a reviewer" }));
    await transitionContent(db, author, id, "submit");
    expect(await transitionContent(db, editorReviewer, id, "approve")).toEqual({ ok: false, error: "content.errors.selfApproval" });
    expect(await transitionContent(db, reviewer, id, "approve")).toEqual({ ok: true, status: "published" });
  });

  it("refuses approval by the person whose idea the item came from", async () => {
    const editor = await createActor(["editor"]);
    const proposer = await createActor(["reviewer", "employee"]);
    const created = await createContentItem(db, editor, contentInput(), { proposedBy: proposer.id });
    if (!created.ok) throw new Error("setup");
    await transitionContent(db, editor, created.id, "submit");
    expect(await transitionContent(db, proposer, created.id, "approve")).toEqual({ ok: false, error: "content.errors.selfApproval" });
  });

  it("only offers approval to reviewers who did not write the item", () => {
    const item = { status: "in_review" as const, publish_at: null, expire_at: null, created_by: "a", updated_by: "a", proposed_by: null };
    expect(availableActions(item, { id: "a", roles: ["editor", "reviewer"] }, 0)).toEqual(["withdraw", "archive"]);
    expect(availableActions(item, { id: "b", roles: ["reviewer"] }, 0)).toEqual(["approve", "request_changes"]);
  });
});

describe("publish and expire", () => {
  it("derives the status from the clock: published exactly at publish_at, expired exactly at expire_at", () => {
    const item = { status: "approved" as const, publish_at: 1000, expire_at: 2000 };
    expect(effectiveStatus(item, 999)).toBe("approved");
    expect(effectiveStatus(item, 1000)).toBe("published");
    expect(effectiveStatus(item, 1999)).toBe("published");
    expect(effectiveStatus(item, 2000)).toBe("expired");
    expect(effectiveStatus({ ...item, status: "published" }, 2000)).toBe("expired");
    expect(effectiveStatus({ ...item, status: "draft" }, 1500)).toBe("draft");
  });

  it("publishes at once when approved after publish_at (or without one), filling publish_at", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const now = Date.now();
    const id = await approvedItem(editor, reviewer, { publishAt: null }, now);
    expect(await statusOf(id)).toBe("published");
    expect((await getContentItem(db, id))?.publish_at).toBe(now);
  });

  it("materialises publish and expiry at their boundaries, recording them once", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const t0 = Date.now() + 1000 * HOUR;
    const id = await approvedItem(editor, reviewer, { publishAt: t0, expireAt: t0 + HOUR }, t0 - HOUR);
    expect(await statusOf(id)).toBe("approved");
    await materialiseLifecycle(db, t0 - 1);
    expect(await statusOf(id)).toBe("approved");
    await materialiseLifecycle(db, t0);
    expect(await statusOf(id)).toBe("published");
    await materialiseLifecycle(db, t0 + HOUR - 1);
    expect(await statusOf(id)).toBe("published");
    await materialiseLifecycle(db, t0 + HOUR);
    expect(await statusOf(id)).toBe("expired");
    await materialiseLifecycle(db, t0 + 2 * HOUR);
    const system = (await transitionsOf(id)).filter((t) => t.actor_id === null);
    expect(system).toEqual([
      { from_status: "approved", to_status: "published", actor_id: null, comment: null, at: t0 },
      { from_status: "published", to_status: "expired", actor_id: null, comment: null, at: t0 + HOUR },
    ]);
  });

  it("records the missed publish and expiry before an editor's action on an item nobody materialised", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const t0 = Date.now() + 2000 * HOUR;
    const id = await approvedItem(editor, reviewer, { publishAt: t0, expireAt: t0 + HOUR }, t0 - HOUR);
    expect(await transitionContent(db, editor, id, "archive", { now: t0 + 5 * HOUR })).toEqual({ ok: true, status: "archived" });
    expect((await transitionsOf(id)).slice(-3).map((t) => `${t.from_status}>${t.to_status}`)).toEqual(["approved>published", "published>expired", "expired>archived"]);
  });

  it("is kept current by the scheduler the server starts", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const id = await approvedItem(editor, reviewer, { publishAt: Date.now() + 1000 * HOUR });
    await db.updateTable("content_items").set({ publish_at: Date.now() - HOUR }).where("id", "=", id).execute();
    expect(await statusOf(id)).toBe("approved");
    startContentScheduler();
    await stopContentScheduler();
    expect(await statusOf(id)).toBe("published");
  });
});
