import { afterAll, describe, expect, it } from "vitest";
import { acceptIdea, proposeIdea } from "~/models/content/ideas.server";
import { getBoardIdea, listBoard } from "~/models/ideas/board.server";
import { addComment, hideComment, listComments } from "~/models/ideas/comments.server";
import { setIdeaStatus } from "~/models/ideas/status.server";
import { castVote, withdrawVote } from "~/models/ideas/votes.server";
import { totalPoints } from "~/models/scoring/points.server";
import { createDatabase, db, dialectOf, type DB } from "~/utils/db.server";
import { createActor } from "../content/helpers";

const postgres = dialectOf(process.env.DATABASE_URL) === "postgres";
const others: DB[] = [];
afterAll(async () => {
  for (const other of others) await other.destroy();
});
/** Another app instance: its own connection pool on the same database (PostgreSQL only). */
const instance = () => {
  const other = createDatabase(process.env.DATABASE_URL);
  others.push(other);
  return other;
};

const idea = (text: string, extra: { topic?: "content" | "customer" | "work"; anonymous?: boolean } = {}) => ({
  kind: "post" as const,
  url: null,
  text,
  reason: null,
  ...extra,
});

const notificationsOf = async (userId: string) =>
  (await db.selectFrom("notifications").select(["kind", "params", "link"]).where("user_id", "=", userId).execute()).map((row) => ({
    kind: row.kind,
    title: JSON.parse(row.params).title as string,
    link: row.link,
  }));

const storedVoteCount = async (ideaId: string) =>
  (await db.selectFrom("ideas").select("vote_count").where("id", "=", ideaId).executeTakeFirstOrThrow()).vote_count;

describe("the idea board", () => {
  it("shows everyone's ideas to colleagues, hiding an anonymous proposer from them but not from editors or themselves", async () => {
    const proposer = await createActor(["employee"]);
    const colleague = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const named = await proposeIdea(db, proposer.id, idea("Un vídeo de nuestro equipo de guardia", { topic: "content" }));
    const hidden = await proposeIdea(
      db,
      proposer.id,
      idea("Las facturas deberían explicarse solas", { topic: "customer", anonymous: true }),
    );

    const asColleague = await listBoard(db, colleague, { sort: "newest" });
    expect(asColleague.find((i) => i.id === named)).toMatchObject({
      proposer: expect.any(String),
      own: false,
      topic: "content",
      status: "pending",
    });
    expect(asColleague.find((i) => i.id === hidden)).toMatchObject({
      proposer: null,
      department: null,
      anonymous: true,
      topic: "customer",
    });
    expect((await getBoardIdea(db, editor, hidden))?.proposer).toEqual(expect.any(String));
    expect(await getBoardIdea(db, proposer, hidden)).toMatchObject({ proposer: expect.any(String), own: true });
    expect((await listBoard(db, colleague, { sort: "newest", topic: "customer" })).map((i) => i.id)).toContain(hidden);
    expect((await listBoard(db, colleague, { sort: "newest", topic: "work" })).map((i) => i.id)).not.toContain(hidden);
  });

  it("counts one vote per person, lets it be withdrawn, refuses voting on one's own idea and keeps the count in step", async () => {
    const proposer = await createActor(["employee"]);
    const [ana, ben] = [await createActor(["employee"]), await createActor(["employee"])];
    const ideaId = await proposeIdea(db, proposer.id, idea("Reuniones de pie de 15 minutos", { topic: "work" }));
    expect(await castVote(db, ana.id, ideaId)).toEqual({ ok: true, votes: 1, changed: true });
    expect(await castVote(db, ana.id, ideaId)).toEqual({ ok: true, votes: 1, changed: false });
    expect(await castVote(db, ben.id, ideaId)).toEqual({ ok: true, votes: 2, changed: true });
    expect(await castVote(db, proposer.id, ideaId)).toEqual({ ok: false, error: "ideas.errors.ownIdea" });
    expect(await getBoardIdea(db, ana, ideaId)).toMatchObject({ votes: 2, votedByMe: true });
    expect(await withdrawVote(db, ana.id, ideaId)).toEqual({ ok: true, votes: 1, changed: true });
    expect(await withdrawVote(db, ana.id, ideaId)).toEqual({ ok: true, votes: 1, changed: false });
    expect(await getBoardIdea(db, ana, ideaId)).toMatchObject({ votes: 1, votedByMe: false });
    expect(await castVote(db, ana.id, "no-such-idea")).toEqual({ ok: false, error: "ideas.errors.notFound" });
  });

  it("sorts by votes, newest and status", async () => {
    const proposer = await createActor(["employee"]);
    const voters = [await createActor(["employee"]), await createActor(["employee"])];
    const editor = await createActor(["editor"]);
    const topic = "work" as const;
    const t0 = Date.parse("2030-01-01T10:00:00Z");
    const old = await proposeIdea(db, proposer.id, idea("vieja y votada", { topic }), t0);
    const middle = await proposeIdea(db, proposer.id, idea("intermedia, hecha", { topic }), t0 + 1000);
    const fresh = await proposeIdea(db, proposer.id, idea("nueva", { topic }), t0 + 2000);
    for (const voter of voters) await castVote(db, voter.id, old);
    await castVote(db, voters[0].id, middle);
    expect((await setIdeaStatus(db, editor, middle, { status: "done", reason: "", outcome: "" })).ok).toBe(true);
    const ids = async (sort: "votes" | "newest" | "status") =>
      (await listBoard(db, proposer, { sort, topic })).map((i) => i.id).filter((id) => [old, middle, fresh].includes(id));
    expect(await ids("votes")).toEqual([old, middle, fresh]);
    expect(await ids("newest")).toEqual([fresh, middle, old]);
    expect(await ids("status")).toEqual([fresh, old, middle]);
  });

  it("tells the proposer and every voter when an editor changes the status, and shows what was done", async () => {
    const proposer = await createActor(["employee"]);
    const voter = await createActor(["employee"]);
    const bystander = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const ideaId = await proposeIdea(db, proposer.id, idea("Encuesta tras cada llamada a soporte", { topic: "customer" }));
    await castVote(db, voter.id, ideaId);

    expect(await setIdeaStatus(db, voter, ideaId, { status: "planned", reason: "", outcome: "" })).toEqual({
      ok: false,
      error: "errors.forbidden",
    });
    expect(await setIdeaStatus(db, editor, ideaId, { status: "planned", reason: "", outcome: "La probamos en marzo." })).toEqual({
      ok: true,
    });
    expect(await setIdeaStatus(db, editor, ideaId, { status: "planned", reason: "", outcome: "" })).toEqual({
      ok: false,
      error: "ideas.errors.sameStatus",
    });
    const title = "Encuesta tras cada llamada a soporte";
    expect(await notificationsOf(proposer.id)).toEqual([{ kind: "idea_planned", title, link: `/board/${ideaId}` }]);
    expect(await notificationsOf(voter.id)).toEqual([{ kind: "idea_voted_planned", title, link: `/board/${ideaId}` }]);
    expect(await notificationsOf(bystander.id)).toEqual([]);
    expect(await getBoardIdea(db, voter, ideaId)).toMatchObject({ status: "planned", outcome: "La probamos en marzo." });
    // Planning an idea that is not content is accepting it: the scheme's points, once.
    expect(await totalPoints(db, proposer.id)).toBe(25);
    await setIdeaStatus(db, editor, ideaId, { status: "done", reason: "", outcome: "Ya está en marcha." });
    expect(await totalPoints(db, proposer.id)).toBe(25);

    await setIdeaStatus(db, editor, ideaId, { status: "declined", reason: "Cambio de proveedor", outcome: "" });
    expect(await getBoardIdea(db, voter, ideaId)).toMatchObject({ status: "declined", declineReason: "Cambio de proveedor" });
    expect((await notificationsOf(voter.id)).map((n) => n.kind)).toEqual(["idea_voted_planned", "idea_voted_done", "idea_voted_declined"]);
  });

  it("accepting a content idea keeps today's points and tells its voters too", async () => {
    const proposer = await createActor(["employee"]);
    const voter = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const ideaId = await proposeIdea(db, proposer.id, idea("Nuestro récord de satisfacción", { topic: "content" }));
    await castVote(db, voter.id, ideaId);
    await setIdeaStatus(db, editor, ideaId, { status: "under_review", reason: "", outcome: "" });
    expect(await totalPoints(db, proposer.id)).toBe(0);
    expect((await acceptIdea(db, editor, ideaId)).ok).toBe(true);
    expect(await totalPoints(db, proposer.id)).toBe(25);
    expect((await notificationsOf(voter.id)).map((n) => n.kind)).toEqual(["idea_voted_under_review", "idea_voted_accepted"]);
  });

  it("keeps comments as plain sanitised text and lets editors hide one with a reason", async () => {
    const proposer = await createActor(["employee"]);
    const colleague = await createActor(["employee"]);
    const editor = await createActor(["editor"]);
    const ideaId = await proposeIdea(db, proposer.id, idea("Café con clientes una vez al mes", { topic: "customer" }));
    const added = await addComment(db, colleague.id, ideaId, "  <b>¡Sí!</b>\u202e al revés\u0007\r\nsegunda línea  ");
    expect(added.ok).toBe(true);
    expect(await addComment(db, colleague.id, ideaId, " \u0000 ")).toEqual({ ok: false, error: "ideas.errors.commentRequired" });
    const [comment] = await listComments(db, colleague, ideaId);
    // Stored as typed text minus control characters; React escapes the angle brackets when it renders.
    expect(comment).toMatchObject({ body: "<b>¡Sí!</b> al revés\nsegunda línea", hidden: false });
    expect((await getBoardIdea(db, colleague, ideaId))?.comments).toBe(1);

    const commentId = added.ok ? added.id : "";
    expect(await hideComment(db, colleague, ideaId, commentId, "spam")).toEqual({ ok: false, error: "errors.forbidden" });
    expect(await hideComment(db, editor, ideaId, commentId, "Datos personales")).toEqual({ ok: true, id: commentId });
    expect(await hideComment(db, editor, ideaId, commentId, "again")).toEqual({ ok: false, error: "ideas.errors.notFound" });
    expect((await listComments(db, colleague, ideaId))[0]).toMatchObject({ body: null, hidden: true, hiddenReason: "Datos personales" });
    expect((await listComments(db, editor, ideaId))[0]).toMatchObject({ body: expect.stringContaining("segunda línea"), hidden: true });
  });

  it.runIf(postgres)("counts a person's vote once when two instances cast it at the same moment", async () => {
    const proposer = await createActor(["employee"]);
    const voter = await createActor(["employee"]);
    const ideaId = await proposeIdea(db, proposer.id, idea("Un canal de ideas por oficina", { topic: "work" }));
    const [a, b] = [instance(), instance()];
    const results = await Promise.all([a, b, a, b].map((writer) => castVote(writer, voter.id, ideaId)));
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
    expect(await storedVoteCount(ideaId)).toBe(1);
    const votes = await db.selectFrom("idea_votes").select("user_id").where("idea_id", "=", ideaId).execute();
    expect(votes).toHaveLength(1);
    // Withdrawn twice at once: one withdrawal counts, the count never goes below zero.
    await Promise.all([a, b].map((writer) => withdrawVote(writer, voter.id, ideaId)));
    expect(await storedVoteCount(ideaId)).toBe(0);
  });

  it("the unique index refuses a second vote row even written directly", async () => {
    const proposer = await createActor(["employee"]);
    const voter = await createActor(["employee"]);
    const ideaId = await proposeIdea(db, proposer.id, idea("Sin correos después de las 19:00", { topic: "work" }));
    await db.insertInto("idea_votes").values({ idea_id: ideaId, user_id: voter.id, created_at: 1 }).execute();
    await expect(db.insertInto("idea_votes").values({ idea_id: ideaId, user_id: voter.id, created_at: 2 }).execute()).rejects.toThrow();
  });
});
