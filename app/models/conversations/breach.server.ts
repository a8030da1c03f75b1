import { inTransaction, type DB } from "~/utils/db.server";
import { recordEvent } from "./events.server";
import { tellResponders } from "./tell.server";

/**
 * Flags every open report whose first-response deadline has passed without a response, and tells the
 * responders of its department (customer care when it has none). Each report is flagged exactly once:
 * the flag is a conditional UPDATE, so schedulers on several instances never escalate it twice.
 */
export async function escalateBreaches(db: DB, origin: string, now = Date.now()): Promise<number> {
  const due = await db
    .selectFrom("conversation_reports")
    .select("id")
    .where("status", "in", ["open", "in_progress"])
    .where("due_at", "<=", now)
    .where("breached_at", "is", null)
    .where("first_response_at", "is", null)
    .orderBy("due_at")
    .limit(200)
    .execute();
  let escalated = 0;
  for (const { id } of due) {
    const flagged = await inTransaction(db, async (trx) => {
      const claim = await trx
        .updateTable("conversation_reports")
        .set({ breached_at: now })
        .where("id", "=", id)
        .where("breached_at", "is", null)
        .where("first_response_at", "is", null)
        .where("status", "in", ["open", "in_progress"])
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) === 0) return false;
      const report = await trx
        .selectFrom("conversation_reports")
        .select(["url", "kind", "department_id"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { reportId: id, actorId: null, kind: "breached", departmentId: report.department_id, at: now });
      await tellResponders(trx, report.department_id, { step: "breached", reportId: id, url: report.url, kind: report.kind, origin });
      return true;
    });
    if (flagged) escalated += 1;
  }
  return escalated;
}
