import type { ReportEventKind } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import type { DB } from "~/utils/db.server";

/** Every step on a report is one row here, written in the step's own transaction. */
export async function recordEvent(
  trx: DB,
  event: {
    reportId: string;
    actorId: string | null;
    kind: ReportEventKind;
    detail?: string | null;
    departmentId?: string | null;
    at: number;
  },
): Promise<void> {
  await trx
    .insertInto("conversation_events")
    .values({
      id: newId(),
      report_id: event.reportId,
      actor_id: event.actorId,
      kind: event.kind,
      detail: event.detail ?? null,
      department_id: event.departmentId ?? null,
      created_at: event.at,
    })
    .execute();
}

export async function listEvents(db: DB, reportId: string) {
  return db
    .selectFrom("conversation_events")
    .leftJoin("users", "users.id", "conversation_events.actor_id")
    .leftJoin("departments", "departments.id", "conversation_events.department_id")
    .select([
      "conversation_events.id",
      "conversation_events.kind",
      "conversation_events.detail",
      "conversation_events.created_at",
      "users.name as actor_name",
      "departments.name as department_name",
    ])
    .where("conversation_events.report_id", "=", reportId)
    .orderBy("conversation_events.created_at")
    .orderBy("conversation_events.id")
    .execute();
}
