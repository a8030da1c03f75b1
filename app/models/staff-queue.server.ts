/**
 * What waits for each staff role on the home: items to review (reviewers), content ideas to answer and drafts
 * a reviewer sent back (editors), overdue people (HR). Each is a count and the oldest few, read through an
 * index whose range holds only what is waiting (content by status, ideas by status, onboarding by due date),
 * so the cost follows the size of the queue, never the history.
 */
import type { Role } from "#db/schema";
import { ideaTitle } from "~/models/ideas/board.server";
import type { DB } from "~/utils/db.server";

/** How many entries of each queue the home lists. */
export const QUEUE_PREVIEW = 5;

const OPEN_IDEA_STATUSES = ["pending", "under_review"] as const;

export interface QueueEntry {
  id: string;
  title: string;
  /** How long it has waited (for overdue people: how long past the due date), in ms. */
  ageMs: number;
}

export interface QueueList {
  total: number;
  entries: QueueEntry[];
}

export interface StaffQueues {
  review?: QueueList;
  ideas?: QueueList;
  sentBack?: QueueList;
  overdue?: QueueList;
}

function list(total: unknown, rows: { id: string; title: string; since: number | null }[], now: number): QueueList {
  return {
    total: Number(total ?? 0),
    entries: rows.map((r) => ({ id: r.id, title: r.title, ageMs: Math.max(0, now - (r.since ?? now)) })),
  };
}

/** Items in review that this person may decide: not their own, last edited or proposed. */
async function reviewQueueFor(db: DB, userId: string, now: number): Promise<QueueList> {
  const waiting = () =>
    db
      .selectFrom("content_items")
      .where("status", "=", "in_review")
      .where((eb) => eb(eb.fn.coalesce("created_by", eb.val("")), "<>", userId))
      .where((eb) => eb(eb.fn.coalesce("updated_by", eb.val("")), "<>", userId))
      .where((eb) => eb(eb.fn.coalesce("proposed_by", eb.val("")), "<>", userId));
  const [count, rows] = await Promise.all([
    waiting()
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
    waiting().select(["id", "title", "submitted_at"]).orderBy("submitted_at").orderBy("id").limit(QUEUE_PREVIEW).execute(),
  ]);
  return list(
    count?.n,
    rows.map((r) => ({ id: r.id, title: r.title, since: r.submitted_at === null ? null : Number(r.submitted_at) })),
    now,
  );
}

/** Content ideas nobody has accepted or declined yet, the oldest first. */
async function ideasToAnswer(db: DB, now: number): Promise<QueueList> {
  const open = () => db.selectFrom("ideas").where("status", "in", OPEN_IDEA_STATUSES).where("topic", "=", "content");
  const [count, rows] = await Promise.all([
    open()
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
    open().select(["id", "url", "text", "reason", "created_at"]).orderBy("created_at").orderBy("id").limit(QUEUE_PREVIEW).execute(),
  ]);
  return list(
    count?.n,
    rows.map((r) => ({ id: r.id, title: ideaTitle(r), since: Number(r.created_at) })),
    now,
  );
}

/** Items a reviewer sent back with changes requested, which this person wrote or last edited. */
async function sentBackTo(db: DB, userId: string, now: number): Promise<QueueList> {
  const mine = () =>
    db
      .selectFrom("content_items")
      .where("status", "=", "changes_requested")
      .where((eb) => eb.or([eb("created_by", "=", userId), eb("updated_by", "=", userId)]));
  const [count, rows] = await Promise.all([
    mine()
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
    mine().select(["id", "title", "updated_at"]).orderBy("updated_at").orderBy("id").limit(QUEUE_PREVIEW).execute(),
  ]);
  return list(
    count?.n,
    rows.map((r) => ({ id: r.id, title: r.title, since: Number(r.updated_at) })),
    now,
  );
}

/** Active people whose onboarding is past its due date (certified people have no due date), most overdue first. */
async function overduePeople(db: DB, now: number): Promise<QueueList> {
  const overdue = () => db.selectFrom("onboarding_progress as p").where("p.active", "=", 1).where("p.due_at", "<=", now);
  const [count, rows] = await Promise.all([
    overdue()
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
    overdue()
      .innerJoin("users as u", "u.id", "p.user_id")
      .select(["p.user_id", "u.name", "p.due_at"])
      .orderBy("p.due_at")
      .orderBy("p.user_id")
      .limit(QUEUE_PREVIEW)
      .execute(),
  ]);
  return list(
    count?.n,
    rows.map((r) => ({ id: r.user_id, title: r.name, since: r.due_at === null ? null : Number(r.due_at) })),
    now,
  );
}

/** The queues this person's roles give them; an employee only gets none. */
export async function staffQueues(db: DB, viewer: { id: string; roles: readonly Role[] }, now = Date.now()): Promise<StaffQueues> {
  const has = (role: Role) => viewer.roles.includes(role);
  const [review, ideas, sentBack, overdue] = await Promise.all([
    has("reviewer") ? reviewQueueFor(db, viewer.id, now) : undefined,
    has("editor") ? ideasToAnswer(db, now) : undefined,
    has("editor") ? sentBackTo(db, viewer.id, now) : undefined,
    has("hr") || has("admin") ? overduePeople(db, now) : undefined,
  ]);
  return { review, ideas, sentBack, overdue };
}
