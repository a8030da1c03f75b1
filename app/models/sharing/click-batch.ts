// The shapes a batch of clicks takes between reading (clicks.server.ts) and writing (click-writes.server.ts).

/** A click as the redirect saw it. The address and user agent are kept only until the batch hashes them. */
export interface PendingClick {
  linkId: string;
  at: number;
  ip: string;
  userAgent: string;
  /** The visitor's session id (SHA-256 of the cookie's token), if any: used only to spot the sharer's own clicks. */
  sessionId: string | null;
}

export interface BatchSummary {
  clicks: number;
  unique: number;
  self: number;
  points: number;
}

export type ClickLink = { id: string; user_id: string; click_points: number; expire_at: number | null; earned: number };

/** A click with its link, local day and hashes, ready to be judged and written. */
export interface PreparedClick {
  click: PendingClick;
  link: ClickLink;
  day: string;
  visitorHash: string;
  networkHash: string;
  self: boolean;
}

const CHUNK = 400;
/** Rows in parts small enough for one statement's parameters. */
export const chunks = <T>(rows: T[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));
