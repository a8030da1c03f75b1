import { describe, expect, it } from "vitest";
import { approvalDurations, contentDashboard, median, reviewQueue } from "~/models/content/review-queue.server";
import { createContentItem, transitionContent, updateContentItem } from "~/models/content/items.server";
import { describeDuration, waitingLevel } from "~/models/content/workflow";
import { db } from "~/utils/db.server";
import { contentInput, createActor } from "./helpers";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T = Date.UTC(2032, 5, 1, 12, 0);

describe("median time to approval", () => {
  it("computes the median of an odd and an even set", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([10, 1, 6, 3])).toBe(4.5);
  });

  it("measures submission to approval over the last 30 days, counting rounds of changes from the first submission", async () => {
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const draft = async () => {
      const created = await createContentItem(db, editor, contentInput({ publishAt: T + 100 * DAY }), { now: T - 40 * DAY });
      if (!created.ok) throw new Error("setup");
      return created.id;
    };
    const simple = async (submittedAt: number, hours: number) => {
      const id = await draft();
      await transitionContent(db, editor, id, "submit", { now: submittedAt });
      expect(await transitionContent(db, reviewer, id, "approve", { now: submittedAt + hours * HOUR })).toMatchObject({ ok: true });
      return id;
    };
    await simple(T - 2 * DAY, 1);
    await simple(T - 3 * DAY, 3);
    await simple(T - 10 * DAY, 10);
    // Approved about 35 days ago: outside the window.
    await simple(T - 39 * DAY, 100);
    // Changes requested once: 6 h from the first submission.
    const withChanges = await draft();
    await transitionContent(db, editor, withChanges, "submit", { now: T - 5 * DAY });
    await transitionContent(db, reviewer, withChanges, "request_changes", { comment: "Fuente", now: T - 5 * DAY + HOUR });
    await transitionContent(db, editor, withChanges, "submit", { now: T - 5 * DAY + 5 * HOUR });
    await transitionContent(db, reviewer, withChanges, "approve", { now: T - 5 * DAY + 6 * HOUR });
    // Approved, edited (back to draft) and approved again: two cycles, 2 h and 8 h.
    const twice = await simple(T - 20 * DAY, 2);
    await updateContentItem(db, editor, twice, contentInput({ title: "v2", publishAt: T + 100 * DAY }), T - 19 * DAY);
    await transitionContent(db, editor, twice, "submit", { now: T - 15 * DAY });
    await transitionContent(db, reviewer, twice, "approve", { now: T - 15 * DAY + 8 * HOUR });
    // Still waiting: not part of the median.
    const waiting = await draft();
    await transitionContent(db, editor, waiting, "submit", { now: T - 4 * HOUR });

    const durations = (await approvalDurations(db, T, 30)).sort((a, b) => a - b);
    expect(durations.map((d) => d / HOUR)).toEqual([1, 2, 3, 6, 8, 10]);
    const dashboard = await contentDashboard(db, T);
    expect(dashboard.medianApprovalMs).toBe(4.5 * HOUR);
    expect(dashboard.approvalsCounted).toBe(6);
    expect(dashboard.waitingCount).toBe(1);
    expect(dashboard.oldestWaitingMs).toBe(4 * HOUR);
    expect(dashboard.byStatus.in_review).toBe(1);
    expect(dashboard.byStatus.approved).toBe(6);
  });
});

describe("review queue", () => {
  it("lists items in review, the longest-waiting first, with their waiting time", async () => {
    const editor = await createActor(["editor"]);
    const now = T + 1000 * DAY;
    const submit = async (title: string, at: number) => {
      const created = await createContentItem(db, editor, contentInput({ title }), { now: at - HOUR });
      if (!created.ok) throw new Error("setup");
      await transitionContent(db, editor, created.id, "submit", { now: at });
    };
    await submit("Recent", now - 2 * HOUR);
    await submit("Oldest", now - 5 * DAY);
    await submit("Middle", now - 30 * HOUR);
    const queue = (await reviewQueue(db, now)).filter((q) => ["Recent", "Oldest", "Middle"].includes(q.title));
    expect(queue.map((q) => [q.title, q.waitingMs])).toEqual([
      ["Oldest", 5 * DAY],
      ["Middle", 30 * HOUR],
      ["Recent", 2 * HOUR],
    ]);
  });

  it("describes waiting times in minutes, hours or days, and flags long waits", () => {
    expect(describeDuration(59 * 60_000)).toEqual({ unit: "minutes", count: 59 });
    expect(describeDuration(3 * HOUR + 59 * 60_000)).toEqual({ unit: "hours", count: 3 });
    expect(describeDuration(47 * HOUR)).toEqual({ unit: "hours", count: 47 });
    expect(describeDuration(50 * HOUR)).toEqual({ unit: "days", count: 2 });
    expect(waitingLevel(23 * HOUR)).toBe("ok");
    expect(waitingLevel(24 * HOUR)).toBe("warn");
    expect(waitingLevel(72 * HOUR)).toBe("alert");
  });
});
