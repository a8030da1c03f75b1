/**
 * The content workflow as data, shared by the server (which enforces it) and the pages (which
 * only offer what is allowed):
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved ──(publish_at)──▶ published ──(expire_at)──▶ expired
 *     ▲  ◀──withdraw──    │                     │                           │
 *     │                   └─request_changes─▶ changes_requested ──submit──▶ in_review
 *     └──── editing an approved/published item (re-review) ─────────────────┘
 *   archive: any state but archived (editors); restore: archived/expired → draft.
 */
import type { ContentStatus, Role } from "#db/schema";

export type ContentAction = "submit" | "withdraw" | "approve" | "request_changes" | "archive" | "restore" | "reopen" | "publish" | "expire";

interface Rule {
  from: readonly ContentStatus[];
  to: ContentStatus;
  /** Who may do it; "system" is the scheduler that publishes and expires. */
  by: Role | "system";
}

export const WORKFLOW: Record<ContentAction, Rule> = {
  submit: { from: ["draft", "changes_requested"], to: "in_review", by: "editor" },
  withdraw: { from: ["in_review"], to: "draft", by: "editor" },
  approve: { from: ["in_review"], to: "approved", by: "reviewer" },
  request_changes: { from: ["in_review"], to: "changes_requested", by: "reviewer" },
  archive: { from: ["draft", "in_review", "changes_requested", "approved", "published", "expired"], to: "archived", by: "editor" },
  restore: { from: ["archived", "expired"], to: "draft", by: "editor" },
  /** Saving changes to an approved or published item sends it back to draft for a new review. */
  reopen: { from: ["approved", "published"], to: "draft", by: "editor" },
  publish: { from: ["approved"], to: "published", by: "system" },
  expire: { from: ["approved", "published"], to: "expired", by: "system" },
};

/** Editors may change an item's text in these states (approved/published ones go back to draft). */
export const EDITABLE_STATUSES: readonly ContentStatus[] = ["draft", "changes_requested", "approved", "published"];

export const USER_ACTIONS = ["submit", "withdraw", "approve", "request_changes", "archive", "restore"] as const satisfies readonly ContentAction[];
export type UserContentAction = (typeof USER_ACTIONS)[number];

export interface ItemForWorkflow {
  status: ContentStatus;
  publish_at: number | null;
  expire_at: number | null;
  created_by: string | null;
  updated_by: string | null;
  proposed_by: string | null;
}

/**
 * The status as time has it: an approved item is published once publish_at has come, and an
 * approved or published item is expired from expire_at on (exactly at expire_at it is expired).
 */
export function effectiveStatus(item: Pick<ItemForWorkflow, "status" | "publish_at" | "expire_at">, now: number): ContentStatus {
  if ((item.status === "approved" || item.status === "published") && item.expire_at !== null && item.expire_at <= now) return "expired";
  if (item.status === "approved" && item.publish_at !== null && item.publish_at <= now) return "published";
  return item.status;
}

/** People who may not approve the item: its author, its last editor and the person whose idea it was. */
export function isOwnItem(item: Pick<ItemForWorkflow, "created_by" | "updated_by" | "proposed_by">, userId: string): boolean {
  return item.created_by === userId || item.updated_by === userId || item.proposed_by === userId;
}

export type Refusal =
  | "content.errors.notAllowedInState"
  | "content.errors.roleRequired"
  | "content.errors.selfApproval"
  | "content.errors.commentRequired"
  | "content.errors.incomplete"
  | "content.errors.alreadyExpired"
  | "content.errors.changedMeanwhile";

/** Why `action` is refused for this person on this item right now, or null when it is allowed. */
export function refusalFor(
  action: ContentAction,
  item: ItemForWorkflow,
  actor: { id: string; roles: readonly Role[] } | "system",
  now: number,
): Refusal | null {
  const rule = WORKFLOW[action];
  if (rule.by === "system" ? actor !== "system" : actor === "system" || !actor.roles.includes(rule.by)) return "content.errors.roleRequired";
  if (!rule.from.includes(item.status)) return "content.errors.notAllowedInState";
  // Review decisions belong to someone else: nobody approves (or reviews at all) their own item.
  if ((action === "approve" || action === "request_changes") && actor !== "system" && isOwnItem(item, actor.id)) return "content.errors.selfApproval";
  if ((action === "approve" || action === "submit") && item.expire_at !== null && item.expire_at <= now) return "content.errors.alreadyExpired";
  return null;
}

/** The actions to offer this person on the item. */
export function availableActions(item: ItemForWorkflow, actor: { id: string; roles: readonly Role[] }, now: number): UserContentAction[] {
  const current = { ...item, status: effectiveStatus(item, now) };
  return USER_ACTIONS.filter((action) => refusalFor(action, current, actor, now) === null);
}

export const WAITING_WARN_MS = 24 * 60 * 60 * 1000;
export const WAITING_ALERT_MS = 72 * 60 * 60 * 1000;

/** "waiting 3 h": the unit and count to show for a duration, and how worrying it is. */
export function describeDuration(ms: number): { unit: "minutes" | "hours" | "days"; count: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { unit: "minutes", count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", count: hours };
  return { unit: "days", count: Math.floor(hours / 24) };
}

export const waitingLevel = (ms: number): "ok" | "warn" | "alert" => (ms >= WAITING_ALERT_MS ? "alert" : ms >= WAITING_WARN_MS ? "warn" : "ok");
