import Papa from "papaparse";
import type { TFunction } from "i18next";
import type { DB } from "~/utils/db.server";
import { formatDateTime } from "~/models/core/dates";
import type { Locale } from "#db/schema";

export const AUDIT_ACTIONS = [
  "person.roles_changed",
  "person.updated",
  "person.deactivated",
  "person.reactivated",
  "person.created",
  "scoring.changed",
  "guideline.published",
  "sso.settings_changed",
  "sso.account_created",
  "sso.account_linked",
  "scim.token_created",
  "scim.token_revoked",
  "directory.synced",
  "department.created",
  "department.renamed",
  "department.deleted",
  "conversions.secret_rotated",
  "conversions.imported",
  "champion.granted",
  "champion.revoked",
  "cohort.wave_opened",
] as const;

export interface AuditFilter {
  action?: string;
  /** Entries written before this cursor (created_at, id), for paging by key rather than offset. */
  before?: { at: number; id: string };
  limit?: number;
}

export async function listAudit(db: DB, filter: AuditFilter = {}) {
  const limit = filter.limit ?? 50;
  let query = db.selectFrom("audit_log").selectAll();
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.before) {
    const { at, id } = filter.before;
    query = query.where((eb) => eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", "<", id)])]));
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return { entries: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** The cursor `?before=<ms>_<id>` of the next page; anything malformed means the first page. */
export function parseCursor(value: string | null): AuditFilter["before"] {
  const match = value?.match(/^(\d{1,15})_([0-9a-f-]{36})$/);
  return match ? { at: Number(match[1]), id: match[2] } : undefined;
}

export const cursorOf = (entry: { created_at: number; id: string }) => `${entry.created_at}_${entry.id}`;

/**
 * The whole trail (or one action) as CSV, written page by page so an export of a long history
 * never holds it all in memory at once.
 */
export function auditCsvStream(
  db: DB,
  options: { action?: string; t: TFunction; locale: Locale; timeZone: string },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: AuditFilter["before"];
  let first = true;
  return new ReadableStream({
    async pull(controller) {
      if (first) {
        first = false;
        const header = ["date", "actor", "action", "target", "before", "after"].map((c) => options.t(`identity.audit.columns.${c}`));
        controller.enqueue(encoder.encode(`\uFEFF${Papa.unparse([header])}\r\n`));
      }
      const page = await listAudit(db, { action: options.action, before, limit: 500 });
      if (page.entries.length) {
        const rows = page.entries.map((e) => [
          formatDateTime(e.created_at, options.locale, options.timeZone),
          e.actor_label,
          e.action,
          `${e.target_type}: ${e.target_label}`,
          e.before_json ?? "",
          e.after_json ?? "",
        ]);
        controller.enqueue(encoder.encode(`${Papa.unparse(rows, { escapeFormulae: true })}\r\n`));
        before = { at: page.entries[page.entries.length - 1].created_at, id: page.entries[page.entries.length - 1].id };
      }
      if (!page.hasMore) controller.close();
    },
  });
}
