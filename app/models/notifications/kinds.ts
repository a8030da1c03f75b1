/**
 * Every kind of in-app notification. A kind's text is `notifications.kinds.<kind>` in
 * app/locales/{es,en}/notifications.json, interpolated with the notification's params.
 * Adding a kind: add it here and its text in both languages (tests/notifications/kinds.test.ts checks).
 */
export const NOTIFICATION_KINDS = [
  "new_item",
  "urgent_item",
  "idea_accepted",
  "idea_declined",
  "idea_under_review",
  "idea_planned",
  "idea_done",
  "idea_voted_under_review",
  "idea_voted_planned",
  "idea_voted_done",
  "idea_voted_declined",
  "idea_voted_accepted",
  "content_approved",
  "content_changes_requested",
  "review_waiting",
  "guideline_version",
  "session_tomorrow",
  "report_answered",
  "report_resolved",
  "report_not_actionable",
  "report_escalated",
  "report_breached",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationParams = Record<string, string | number>;

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);

/** A notification only ever links inside Altavoz: a path, never another origin. */
export const isLocalPath = (value: string) => /^\/(?![/\\])[^\s]*$/.test(value);
