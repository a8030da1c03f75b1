import { describe, expect, it } from "vitest";
import { getContentItem } from "~/models/content/item-queries.server";
import { acceptIdea, declineIdea, listDecidedIdeas, listMyIdeas, listPendingIdeas, proposeIdea } from "~/models/content/ideas.server";
import { totalPoints } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";
import { createActor, transitionsOf } from "./helpers";

describe("ideas", () => {
  it("turns an accepted link idea into a draft credited to the proposer, with points, and shows the proposer the status", async () => {
    const proposer = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", proposer.id).execute();
    const ideaId = await proposeIdea(db, proposer.id, { kind: "url", url: "https://example.com/blog/5g", text: null, reason: "Our 5G launch post is great\nShare it" });
    expect((await listPendingIdeas(db)).map((i) => i.id)).toContain(ideaId);
    expect((await listMyIdeas(db, proposer.id))[0]).toMatchObject({ id: ideaId, status: "pending", item_id: null });

    const result = await acceptIdea(db, editor, ideaId);
    expect(result.ok).toBe(true);
    const itemId = result.ok ? result.itemId! : "";
    const item = await getContentItem(db, itemId);
    expect(item).toMatchObject({
      status: "draft",
      proposed_by: proposer.id,
      created_by: editor.id,
      destination_url: "https://example.com/blog/5g",
      title: "Our 5G launch post is great",
      language: "en",
      commentary_md: "Our 5G launch post is great\nShare it",
    });
    expect(await transitionsOf(itemId)).toMatchObject([{ from_status: null, to_status: "draft", actor_id: editor.id }]);
    expect((await listMyIdeas(db, proposer.id))[0]).toMatchObject({ status: "accepted", item_id: itemId, item_status: "draft" });
    expect(await totalPoints(db, proposer.id)).toBe(25);
    expect((await listPendingIdeas(db)).map((i) => i.id)).not.toContain(ideaId);
    expect((await listDecidedIdeas(db)).find((i) => i.id === ideaId)).toMatchObject({ status: "accepted", decided_by_name: expect.any(String) });
  });

  it("prefills the share texts from a proposed post", async () => {
    const proposer = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const ideaId = await proposeIdea(db, proposer.id, { kind: "post", url: null, text: "Orgullosa de mi equipo de soporte.", reason: null });
    const result = await acceptIdea(db, editor, ideaId);
    const item = await getContentItem(db, result.ok ? result.itemId! : "");
    expect(item).toMatchObject({ destination_url: "", language: "es", title: "Orgullosa de mi equipo de soporte." });
    expect(item?.shareTexts.linkedin?.text).toBe("Orgullosa de mi equipo de soporte.");
  });

  it("declines with a reason that the proposer sees, and refuses deciding twice", async () => {
    const proposer = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const ideaId = await proposeIdea(db, proposer.id, { kind: "url", url: "https://example.com/x", text: null, reason: "Nice" });
    expect(await declineIdea(db, editor, ideaId, "  Ya lo publicamos la semana pasada.  ")).toEqual({ ok: true, itemId: null });
    expect((await listMyIdeas(db, proposer.id))[0]).toMatchObject({ status: "declined", decline_reason: "Ya lo publicamos la semana pasada." });
    expect(await acceptIdea(db, editor, ideaId)).toEqual({ ok: false, error: "content.ideas.errors.notPending" });
    expect(await declineIdea(db, editor, ideaId, "again")).toEqual({ ok: false, error: "content.ideas.errors.notPending" });
    expect(await totalPoints(db, proposer.id)).toBe(0);
  });

  it("refuses decisions by non-editors and by the proposer on their own idea", async () => {
    const editor = await createActor(["editor", "employee"]);
    const employee = await createActor(["employee"]);
    const ownIdea = await proposeIdea(db, editor.id, { kind: "url", url: "https://example.com/mine", text: null, reason: "Mine" });
    expect(await acceptIdea(db, editor, ownIdea)).toEqual({ ok: false, error: "content.ideas.errors.ownIdea" });
    expect(await declineIdea(db, editor, ownIdea, "no")).toEqual({ ok: false, error: "content.ideas.errors.ownIdea" });
    expect(await acceptIdea(db, employee, ownIdea)).toEqual({ ok: false, error: "content.errors.roleRequired" });
    expect(await declineIdea(db, employee, ownIdea, "no")).toEqual({ ok: false, error: "content.errors.roleRequired" });
    expect((await listMyIdeas(db, editor.id))[0].status).toBe("pending");
  });

  it("shows each proposer only their own ideas", async () => {
    const a = await createActor(["employee"]);
    const b = await createActor(["employee"]);
    await proposeIdea(db, a.id, { kind: "post", url: null, text: "A's idea", reason: null });
    expect(await listMyIdeas(db, b.id)).toEqual([]);
    expect((await listMyIdeas(db, a.id)).map((i) => i.text)).toEqual(["A's idea"]);
  });
});
