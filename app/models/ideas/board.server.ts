import { sql } from "kysely";
import type { IdeaStatus, IdeaTopic, Role } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { STATUS_ORDER, type BoardSort } from "./schema";

export interface Viewer {
  id: string;
  roles: readonly Role[];
}

export const isEditor = (viewer: Viewer) => viewer.roles.includes("editor");

export const BOARD_PAGE_SIZE = 100;

function boardQuery(db: DB, viewerId: string) {
  return db
    .selectFrom("ideas")
    .innerJoin("users as proposer", "proposer.id", "ideas.proposer_id")
    .leftJoin("departments", "departments.id", "proposer.department_id")
    .leftJoin("idea_votes as mine", (join) => join.onRef("mine.idea_id", "=", "ideas.id").on("mine.user_id", "=", viewerId))
    .select([
      "ideas.id",
      "ideas.kind",
      "ideas.topic",
      "ideas.url",
      "ideas.text",
      "ideas.reason",
      "ideas.status",
      "ideas.decline_reason",
      "ideas.outcome",
      "ideas.anonymous",
      "ideas.vote_count",
      "ideas.comment_count",
      "ideas.created_at",
      "ideas.status_changed_at",
      "ideas.proposer_id",
      "ideas.content_item_id",
      "proposer.name as proposer_name",
      "departments.name as department_name",
      "mine.user_id as my_vote",
    ]);
}

type BoardRow = Awaited<ReturnType<ReturnType<typeof boardQuery>["execute"]>>[number];

export interface BoardIdea {
  id: string;
  kind: "url" | "post";
  topic: IdeaTopic;
  url: string | null;
  text: string | null;
  reason: string | null;
  status: IdeaStatus;
  declineReason: string | null;
  outcome: string | null;
  anonymous: boolean;
  votes: number;
  comments: number;
  createdAt: number;
  /** null when the proposer chose to stay anonymous and the viewer is a colleague (editors always see). */
  proposer: string | null;
  department: string | null;
  own: boolean;
  votedByMe: boolean;
  contentItemId: string | null;
}

/** What a viewer may see of an idea: an anonymous proposer is hidden from colleagues, never from editors or themselves. */
export function presentIdea(row: BoardRow, viewer: Viewer): BoardIdea {
  const own = row.proposer_id === viewer.id;
  const named = row.anonymous !== 1 || own || isEditor(viewer);
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    url: row.url,
    text: row.text,
    reason: row.reason,
    status: row.status,
    declineReason: row.decline_reason,
    outcome: row.outcome,
    anonymous: row.anonymous === 1,
    votes: row.vote_count,
    comments: row.comment_count,
    createdAt: row.created_at,
    proposer: named ? row.proposer_name : null,
    department: named ? row.department_name : null,
    own,
    votedByMe: row.my_vote !== null,
    contentItemId: row.content_item_id,
  };
}

const statusRank = sql<number>`case ideas.status ${sql.join(
  STATUS_ORDER.map((status, index) => sql`when ${status} then ${index}`),
  sql` `,
)} else ${STATUS_ORDER.length} end`;

/** The board, everyone's ideas, sorted as asked (ties newest first), optionally of one topic. */
export async function listBoard(
  db: DB,
  viewer: Viewer,
  options: { sort: BoardSort; topic?: IdeaTopic | null; limit?: number },
): Promise<BoardIdea[]> {
  let query = boardQuery(db, viewer.id);
  if (options.topic) query = query.where("ideas.topic", "=", options.topic);
  if (options.sort === "votes") query = query.orderBy("ideas.vote_count", "desc");
  if (options.sort === "status") query = query.orderBy(statusRank, "asc");
  const rows = await query
    .orderBy("ideas.created_at", "desc")
    .orderBy("ideas.id")
    .limit(options.limit ?? BOARD_PAGE_SIZE)
    .execute();
  return rows.map((row) => presentIdea(row, viewer));
}

export async function getBoardIdea(db: DB, viewer: Viewer, ideaId: string): Promise<BoardIdea | null> {
  const row = await boardQuery(db, viewer.id).where("ideas.id", "=", ideaId).executeTakeFirst();
  return row ? presentIdea(row, viewer) : null;
}

/** The first line of what was proposed, for notifications and titles. */
export function ideaTitle(idea: { url: string | null; text: string | null; reason: string | null }): string {
  const firstLine = (value: string | null) => (value ?? "").trim().split(/\r?\n/u)[0].trim();
  const source = firstLine(idea.text) || firstLine(idea.reason) || idea.url || "—";
  return source.length > 100 ? `${source.slice(0, 99).trimEnd()}…` : source;
}
