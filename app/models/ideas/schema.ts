import * as z from "zod";
import type { IdeaStatus, IdeaTopic } from "#db/schema";

export const IDEA_TOPICS = ["content", "customer", "work"] as const satisfies readonly IdeaTopic[];

/** The statuses an editor sets on the board; "accepted" comes only from turning a content idea into a draft. */
export const BOARD_STATUSES = ["under_review", "planned", "done", "declined"] as const satisfies readonly IdeaStatus[];
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** The order of the board's "by status" sort: open ideas first, then what is under way, then what is settled. */
export const STATUS_ORDER: readonly IdeaStatus[] = ["pending", "under_review", "planned", "accepted", "done", "declined"];

export const BOARD_SORTS = ["votes", "newest", "status"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export const MAX_COMMENT_LENGTH = 2000;

const id = () => z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid");

/**
 * Control characters (other than line breaks and tabs) and bidirectional overrides are dropped from
 * what colleagues write, so a comment cannot hide or reorder text; React escapes the rest on output.
 */
export function sanitiseText(value: string): string {
  return (
    value
      .normalize("NFC")
      // eslint-disable-next-line no-control-regex -- exactly the characters that are removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/gu, "")
      .replace(/\r\n?/gu, "\n")
      .trim()
  );
}

const sanitised = (max: number, required: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? sanitiseText(v) : (v ?? "")),
    z.string({ error: "validation.invalid" }).min(1, required).max(max, "validation.tooLong"),
  );

export const VoteSchema = z.object({ intent: z.enum(["vote", "unvote"], { error: "validation.invalid" }), ideaId: id() });

export const CommentSchema = z.object({
  intent: z.literal("comment"),
  body: sanitised(MAX_COMMENT_LENGTH, "ideas.errors.commentRequired"),
});

export const HideCommentSchema = z.object({
  intent: z.literal("hide"),
  commentId: id(),
  reason: sanitised(500, "ideas.errors.hideReasonRequired"),
});

/** An editor's status change: a decline needs its reason; "what we did" is optional for any status. */
export const StatusSchema = z
  .object({
    intent: z.literal("status"),
    status: z.enum(BOARD_STATUSES, { error: "validation.required" }),
    reason: z.preprocess((v) => (typeof v === "string" ? sanitiseText(v) : ""), z.string().max(1000, "validation.tooLong")),
    outcome: z.preprocess((v) => (typeof v === "string" ? sanitiseText(v) : ""), z.string().max(3000, "validation.tooLong")),
  })
  .superRefine((value, ctx) => {
    if (value.status === "declined" && !value.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "ideas.errors.declineReasonRequired" });
  });

export const isBoardSort = (value: unknown): value is BoardSort =>
  typeof value === "string" && (BOARD_SORTS as readonly string[]).includes(value);
export const isIdeaTopic = (value: unknown): value is IdeaTopic =>
  typeof value === "string" && (IDEA_TOPICS as readonly string[]).includes(value);
