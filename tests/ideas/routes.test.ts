import { describe, expect, it } from "vitest";
import { proposeIdea } from "~/models/content/ideas.server";
import * as board from "~/routes/board._index";
import * as boardIdea from "~/routes/board.$id";
import * as ideas from "~/routes/ideas";
import { db } from "~/utils/db.server";
import { call, getRequest, jsonOf, postRequest } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { createActor } from "../content/helpers";

const post = (text: string) => ({ kind: "post" as const, url: null, text, reason: null, topic: "work" as const });

describe("idea board pages", () => {
  it("proposes an anonymous idea on a topic from /ideas, and the board hides the name from colleagues only", async () => {
    const proposer = await createActor(["employee"]);
    const colleague = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const response = await call(
      ideas.action,
      postRequest(
        "/ideas",
        { kind: "post", text: "Menos reuniones los viernes", topic: "work", anonymous: "on" },
        { cookie: proposer.cookie },
      ),
    );
    expect(response.status).toBe(302);
    const row = await db
      .selectFrom("ideas")
      .select(["id", "topic", "anonymous"])
      .where("proposer_id", "=", proposer.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ topic: "work", anonymous: 1 });
    const seen = async (cookie: string) =>
      (await jsonOf(await call(board.loader, getRequest("/board?sort=newest&topic=work", { cookie })))).ideas.find(
        (i: { id: string }) => i.id === row.id,
      );
    expect(await seen(colleague.cookie)).toMatchObject({ proposer: null, anonymous: true });
    expect((await seen(editor.cookie)).proposer).toEqual(expect.any(String));
    const bad = await call(ideas.action, postRequest("/ideas", { kind: "post", text: "x", topic: "gossip" }, { cookie: proposer.cookie }));
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors).toMatchObject({ topic: "validation.invalid" });
  });

  it("votes from the board and withdraws from the idea's page", async () => {
    const proposer = await createActor(["employee"]);
    const voter = await createActor(["employee"]);
    const ideaId = await proposeIdea(db, proposer.id, post("Un huerto en la azotea"));
    const voted = await call(board.action, postRequest("/board?sort=newest", { intent: "vote", ideaId }, { cookie: voter.cookie }));
    expect(voted.status).toBe(302);
    expect(voted.headers.get("Location")).toBe("/board?sort=newest");
    const page = await jsonOf(await call(boardIdea.loader, getRequest(`/board/${ideaId}`, { cookie: voter.cookie }), { id: ideaId }));
    expect(page.idea).toMatchObject({ votes: 1, votedByMe: true });
    const withdrawn = await call(
      boardIdea.action,
      postRequest(`/board/${ideaId}`, { intent: "unvote", ideaId }, { cookie: voter.cookie }),
      { id: ideaId },
    );
    expect(withdrawn.status).toBe(302);
    expect((await db.selectFrom("ideas").select("vote_count").where("id", "=", ideaId).executeTakeFirstOrThrow()).vote_count).toBe(0);
    const own = await call(board.action, postRequest("/board", { intent: "vote", ideaId }, { cookie: proposer.cookie }));
    expect(own.status).toBe(400);
    expectTranslated((await jsonOf(own)).errors[""]);
  });

  it("comments, and refuses editor-only intents to colleagues with 403 and bad input with translated errors", async () => {
    const proposer = await createActor(["employee"]);
    const colleague = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const ideaId = await proposeIdea(db, proposer.id, post("Formación en atención al cliente"));
    const send = (cookie: string, body: Record<string, string>) =>
      call(boardIdea.action, postRequest(`/board/${ideaId}`, body, { cookie }), { id: ideaId });

    expect((await send(colleague.cookie, { intent: "comment", body: "Me apunto" })).status).toBe(302);
    const empty = await send(colleague.cookie, { intent: "comment", body: "   " });
    expect(empty.status).toBe(400);
    expect((await jsonOf(empty)).errors).toEqual({ body: "ideas.errors.commentRequired" });
    expectTranslated("ideas.errors.commentRequired");
    const comment = await db.selectFrom("idea_comments").select("id").where("idea_id", "=", ideaId).executeTakeFirstOrThrow();

    expect((await send(colleague.cookie, { intent: "status", status: "planned" })).status).toBe(403);
    expect((await send(colleague.cookie, { intent: "hide", commentId: comment.id, reason: "x" })).status).toBe(403);
    const noReason = await send(editor.cookie, { intent: "status", status: "declined", reason: "" });
    expect(noReason.status).toBe(400);
    expect((await jsonOf(noReason)).errors).toEqual({ reason: "ideas.errors.declineReasonRequired" });
    expectTranslated("ideas.errors.declineReasonRequired");
    expect((await send(editor.cookie, { intent: "status", status: "planned", outcome: "Primera sesión en abril" })).status).toBe(302);
    expect((await send(editor.cookie, { intent: "hide", commentId: comment.id, reason: "Fuera de tema" })).status).toBe(302);
    const page = await jsonOf(await call(boardIdea.loader, getRequest(`/board/${ideaId}`, { cookie: colleague.cookie }), { id: ideaId }));
    expect(page.idea).toMatchObject({ status: "planned", outcome: "Primera sesión en abril", comments: 1 });
    expect(page.comments).toEqual([expect.objectContaining({ body: null, hidden: true, hiddenReason: "Fuera de tema" })]);
    const unknown = await call(boardIdea.loader, getRequest("/board/nope", { cookie: colleague.cookie }), { id: "nope" });
    expect(unknown.status).toBe(404);
  });
});
