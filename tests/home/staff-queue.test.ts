import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createContentItem, transitionContent } from "~/models/content/items.server";
import { proposeIdea } from "~/models/content/ideas.server";
import { staffQueues } from "~/models/staff-queue.server";
import * as home from "~/routes/_index";
import { db } from "~/utils/db.server";
import { call, getRequest, jsonOf } from "../support/http";
import { contentInput, createActor } from "../content/helpers";

const HOUR = 60 * 60 * 1000;
const postgres = process.env.TEST_DIALECT === "postgres";

describe("the staff home's queues", () => {
  it("shows reviewers what waits for them with its age, editors their ideas and sent-back drafts, HR the overdue people", async () => {
    const t0 = Date.now() - 5 * HOUR;
    const editor = await createActor(["employee", "editor"]);
    const reviewer = await createActor(["employee", "reviewer"]);
    const editorReviewer = await createActor(["employee", "editor", "reviewer"]);
    const hr = await createActor(["employee", "hr"]);
    const employee = await createActor(["employee"]);

    const waiting = await createContentItem(db, editor, contentInput({ title: "Waiting three hours" }), { now: t0 });
    const own = await createContentItem(db, editorReviewer, contentInput({ title: "My own item" }), { now: t0 });
    const back = await createContentItem(db, editor, contentInput({ title: "Cite the source" }), { now: t0 });
    if (!waiting.ok || !own.ok || !back.ok) throw new Error("not created");
    await transitionContent(db, editor, waiting.id, "submit", { now: t0 + 2 * HOUR });
    await transitionContent(db, editorReviewer, own.id, "submit", { now: t0 });
    await transitionContent(db, editor, back.id, "submit", { now: t0 });
    await transitionContent(db, reviewer, back.id, "request_changes", { comment: "Cita la fuente.", now: t0 + HOUR });
    await proposeIdea(
      db,
      employee.id,
      { kind: "url", url: "https://example.com/blog/5g", text: null, reason: "Our 5G post\nShare it" },
      t0,
    );

    const late = await createActor(["employee"]);
    await db
      .updateTable("onboarding_progress")
      .set({ due_at: t0 - 24 * HOUR })
      .where("user_id", "=", late.id)
      .execute();
    const notYet = await createActor(["employee"]);
    await db
      .updateTable("onboarding_progress")
      .set({ due_at: t0 + 100 * HOUR })
      .where("user_id", "=", notYet.id)
      .execute();

    const now = t0 + 5 * HOUR;
    const forReviewer = await staffQueues(db, reviewer, now);
    expect(forReviewer.review).toEqual({
      total: 2,
      entries: [expect.objectContaining({ id: own.id }), { id: waiting.id, title: "Waiting three hours", ageMs: 3 * HOUR }],
    });
    expect(forReviewer.ideas).toBeUndefined();

    // Nobody reviews their own item: it is not in their queue.
    const forEditorReviewer = await staffQueues(db, editorReviewer, now);
    expect(forEditorReviewer.review?.entries.map((e) => e.id)).toEqual([waiting.id]);
    expect(forEditorReviewer.review?.total).toBe(1);

    const forEditor = await staffQueues(db, editor, now);
    expect(forEditor.review).toBeUndefined();
    expect(forEditor.sentBack).toEqual({ total: 1, entries: [{ id: back.id, title: "Cite the source", ageMs: 4 * HOUR }] });
    expect(forEditor.ideas).toEqual({ total: 1, entries: [expect.objectContaining({ title: "Our 5G post", ageMs: 5 * HOUR })] });
    expect(forEditorReviewer.sentBack?.total).toBe(0);

    const forHr = await staffQueues(db, hr, now);
    expect(forHr.overdue?.total).toBe(1);
    expect(forHr.overdue?.entries).toEqual([expect.objectContaining({ id: late.id, ageMs: 29 * HOUR })]);

    expect(await staffQueues(db, employee, now)).toEqual({});

    const page = await jsonOf(await call(home.loader, getRequest("/", { cookie: reviewer.cookie })));
    expect(page.queues.review.entries.map((e: { id: string }) => e.id)).toContain(waiting.id);
    const employeePage = await jsonOf(await call(home.loader, getRequest("/", { cookie: employee.cookie })));
    expect(employeePage.queues).toEqual({});
  });

  it.skipIf(postgres)("counts overdue people through the due-date index, not by reading every onboarding row", async () => {
    const plan = await sql<{
      detail: string;
    }>`EXPLAIN QUERY PLAN SELECT count(*) FROM onboarding_progress AS p WHERE p.active = 1 AND p.due_at <= ${Date.now()}`.execute(db);
    expect(plan.rows.map((r) => r.detail).join(" ")).toMatch(/USING (COVERING )?INDEX onboarding_progress_due_idx/);
  });
});
