import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { periodContaining } from "~/models/core/periods";
import { addBusinessMinutes } from "./business-hours";
import { getCareSettings, type CareSettings } from "./care-settings.server";
import { recordEvent } from "./events.server";
import { networkOf, normaliseUrl, URGENCY } from "./kinds";
import type { ReportInput } from "./report-schema";

/** A new report's row: open, unclaimed, with its first-response deadline on the business-hours clock. */
function newReport(
  id: string,
  reporterId: string,
  input: ReportInput,
  at: { urlKey: string; network: string; now: number; settings: CareSettings },
) {
  const { now, settings } = at;
  return {
    id,
    url: input.url,
    url_key: at.urlKey,
    network: at.network,
    kind: input.kind,
    urgency: URGENCY[input.kind],
    handle: input.handle || null,
    status: "open",
    reporter_id: reporterId,
    department_id: null,
    claimed_by: null,
    claimed_at: null,
    reply_note: null,
    answer_url: null,
    target_minutes: settings.targetMinutes,
    due_at: addBusinessMinutes(now, settings.targetMinutes, settings.hours, settings.timeZone),
    first_response_at: null,
    first_response_minutes: null,
    within_target: null,
    resolved_at: null,
    resolution_minutes: null,
    breached_at: null,
    week_key: periodContaining("week", now, settings.timeZone).key,
    case_study_at: null,
    created_at: now,
    updated_at: now,
  } as const;
}

export type ReportResult =
  { ok: true; reportId: string; joined: boolean } | { ok: false; error: "conversations.errors.alreadyReported"; reportId: string };

/**
 * Records a report. The normalised URL is unique, so when two people (or two app instances) report
 * the same conversation at once, one row wins and the other report joins it: counted, and its
 * reporter credited. A more urgent kind raises the conversation's urgency; nothing else is overwritten.
 */
export async function reportConversation(db: DB, reporterId: string, input: ReportInput, now = Date.now()): Promise<ReportResult> {
  const settings = await getCareSettings(db);
  const urlKey = normaliseUrl(input.url);
  const network = input.network === "auto" ? networkOf(input.url) : input.network;
  return inTransaction(db, async (trx) => {
    const id = newId();
    const inserted = await trx
      .insertInto("conversation_reports")
      .values({
        ...newReport(id, reporterId, input, { urlKey, network, now, settings }),
      })
      .onConflict((oc) => oc.column("url_key").doNothing())
      .executeTakeFirst();
    const joined = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0;
    const reportId = joined
      ? (await trx.selectFrom("conversation_reports").select("id").where("url_key", "=", urlKey).executeTakeFirstOrThrow()).id
      : id;
    const credited = await trx
      .insertInto("conversation_reporters")
      .values({
        report_id: reportId,
        user_id: reporterId,
        note: input.note || null,
        answered_publicly: input.answeredPublicly ? 1 : 0,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["report_id", "user_id"]).doNothing())
      .executeTakeFirst();
    if (Number(credited.numInsertedOrUpdatedRows ?? 0) === 0)
      return { ok: false, error: "conversations.errors.alreadyReported", reportId } as const;
    if (joined) {
      await trx
        .updateTable("conversation_reports")
        .set((eb) => ({ reporters_count: eb("reporters_count", "+", 1), updated_at: now }))
        .where("id", "=", reportId)
        .execute();
      await trx
        .updateTable("conversation_reports")
        .set({ kind: input.kind, urgency: URGENCY[input.kind] })
        .where("id", "=", reportId)
        .where("urgency", ">", URGENCY[input.kind])
        .execute();
    }
    await recordEvent(trx, { reportId, actorId: reporterId, kind: joined ? "joined" : "reported", detail: input.note || null, at: now });
    return { ok: true, reportId, joined } as const;
  });
}

/** A person's own reports (the ones they made or joined), newest first, with care's answer. */
export async function listMyReports(db: DB, userId: string) {
  return db
    .selectFrom("conversation_reporters")
    .innerJoin("conversation_reports", "conversation_reports.id", "conversation_reporters.report_id")
    .select([
      "conversation_reports.id",
      "conversation_reports.url",
      "conversation_reports.network",
      "conversation_reports.kind",
      "conversation_reports.status",
      "conversation_reports.reply_note",
      "conversation_reports.answer_url",
      "conversation_reports.reporters_count",
      "conversation_reports.first_response_at",
      "conversation_reports.resolved_at",
      "conversation_reporters.note",
      "conversation_reporters.created_at",
    ])
    .where("conversation_reporters.user_id", "=", userId)
    .orderBy("conversation_reporters.created_at", "desc")
    .limit(100)
    .execute();
}
