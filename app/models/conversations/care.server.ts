import type { Role } from "#db/schema";
import { inTransaction, type DB } from "~/utils/db.server";
import { recordEvent } from "./events.server";
import { awardReportPoints } from "./report-points.server";
import { tellReporters, tellResponders } from "./tell.server";

export interface CareActor {
  id: string;
  roles: readonly Role[];
}

export type CareResult = { ok: true } | { ok: false; error: string };

const OPEN = ["open", "in_progress"] as const;
const minutesBetween = (from: number, to: number) => Math.max(0, Math.round((to - from) / 60_000));

/** Open reports, most urgent first, then oldest first (the queue index). */
export async function listQueue(db: DB, limit = 200) {
  return db
    .selectFrom("conversation_reports")
    .leftJoin("users as claimer", "claimer.id", "conversation_reports.claimed_by")
    .leftJoin("departments", "departments.id", "conversation_reports.department_id")
    .select([
      "conversation_reports.id",
      "conversation_reports.url",
      "conversation_reports.network",
      "conversation_reports.kind",
      "conversation_reports.status",
      "conversation_reports.handle",
      "conversation_reports.reporters_count",
      "conversation_reports.due_at",
      "conversation_reports.first_response_at",
      "conversation_reports.breached_at",
      "conversation_reports.created_at",
      "conversation_reports.claimed_by",
      "claimer.name as claimer_name",
      "departments.name as department_name",
    ])
    .where("conversation_reports.status", "in", OPEN)
    .orderBy("conversation_reports.urgency")
    .orderBy("conversation_reports.created_at")
    .limit(limit)
    .execute();
}

export async function getReport(db: DB, reportId: string) {
  return db
    .selectFrom("conversation_reports")
    .leftJoin("users as claimer", "claimer.id", "conversation_reports.claimed_by")
    .leftJoin("departments", "departments.id", "conversation_reports.department_id")
    .selectAll("conversation_reports")
    .select(["claimer.name as claimer_name", "departments.name as department_name"])
    .where("conversation_reports.id", "=", reportId)
    .executeTakeFirst();
}

export async function listReporters(db: DB, reportId: string) {
  return db
    .selectFrom("conversation_reporters")
    .innerJoin("users", "users.id", "conversation_reporters.user_id")
    .select([
      "users.id",
      "users.name",
      "conversation_reporters.note",
      "conversation_reporters.answered_publicly",
      "conversation_reporters.created_at",
    ])
    .where("conversation_reporters.report_id", "=", reportId)
    .orderBy("conversation_reporters.created_at")
    .execute();
}

/** Takes the report; only one person can, once (a conditional UPDATE on an unclaimed, open report). */
export async function claimReport(db: DB, actor: CareActor, reportId: string, now = Date.now()): Promise<CareResult> {
  return inTransaction(db, async (trx) => {
    const claimed = await trx
      .updateTable("conversation_reports")
      .set({ claimed_by: actor.id, claimed_at: now, status: "in_progress", updated_at: now })
      .where("id", "=", reportId)
      .where("status", "=", "open")
      .where("claimed_by", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0)
      return { ok: false, error: (await getReport(trx, reportId)) ? "conversations.errors.alreadyClaimed" : "errors.notFound" };
    await recordEvent(trx, { reportId, actorId: actor.id, kind: "claimed", at: now });
    return { ok: true };
  });
}

/**
 * The open report as the actor may work it: claimed by them (or still unclaimed, which this claims),
 * or any open report for an administrator.
 */
async function takeForWork(trx: DB, actor: CareActor, reportId: string, now: number) {
  const report = await getReport(trx, reportId);
  if (!report) return { ok: false as const, error: "errors.notFound" };
  if (!(OPEN as readonly string[]).includes(report.status)) return { ok: false as const, error: "conversations.errors.closed" };
  let query = trx
    .updateTable("conversation_reports")
    .set((eb) => ({
      claimed_by: eb.fn.coalesce("claimed_by", eb.val(actor.id)),
      claimed_at: eb.fn.coalesce("claimed_at", eb.val(now)),
      status: "in_progress",
      updated_at: now,
    }))
    .where("id", "=", reportId)
    .where("status", "in", OPEN);
  if (!actor.roles.includes("admin")) query = query.where((eb) => eb.or([eb("claimed_by", "is", null), eb("claimed_by", "=", actor.id)]));
  const taken = await query.executeTakeFirst();
  if (Number(taken.numUpdatedRows) === 0) return { ok: false as const, error: "conversations.errors.claimedByOther" };
  if (report.claimed_by === null) await recordEvent(trx, { reportId, actorId: actor.id, kind: "claimed", at: now });
  return { ok: true as const, report };
}

/** The first response stops the clock, once; later replies leave it as it was. */
async function markFirstResponse(trx: DB, report: { id: string; created_at: number; due_at: number }, now: number) {
  await trx
    .updateTable("conversation_reports")
    .set({
      first_response_at: now,
      first_response_minutes: minutesBetween(report.created_at, now),
      within_target: now <= report.due_at ? 1 : 0,
    })
    .where("id", "=", report.id)
    .where("first_response_at", "is", null)
    .execute();
}

export async function replyToReport(
  db: DB,
  actor: CareActor,
  input: { reportId: string; note: string; answerUrl: string; origin: string },
  now = Date.now(),
): Promise<CareResult> {
  return inTransaction(db, async (trx) => {
    const taken = await takeForWork(trx, actor, input.reportId, now);
    if (!taken.ok) return taken;
    await trx
      .updateTable("conversation_reports")
      .set({ ...(input.note ? { reply_note: input.note } : {}), ...(input.answerUrl ? { answer_url: input.answerUrl } : {}) })
      .where("id", "=", input.reportId)
      .execute();
    await markFirstResponse(trx, taken.report, now);
    if (input.note) await recordEvent(trx, { reportId: input.reportId, actorId: actor.id, kind: "replied", detail: input.note, at: now });
    if (input.answerUrl)
      await recordEvent(trx, { reportId: input.reportId, actorId: actor.id, kind: "answer_linked", detail: input.answerUrl, at: now });
    const answerUrl = input.answerUrl || taken.report.answer_url;
    await tellReporters(trx, {
      step: "answered",
      reportId: input.reportId,
      url: taken.report.url,
      kind: taken.report.kind,
      answerUrl,
      note: input.note || null,
      origin: input.origin,
    });
    return { ok: true };
  });
}

export async function escalateReport(
  db: DB,
  actor: CareActor,
  input: { reportId: string; departmentId: string; note: string; origin: string },
  now = Date.now(),
): Promise<CareResult> {
  return inTransaction(db, async (trx) => {
    const department = await trx.selectFrom("departments").select("id").where("id", "=", input.departmentId).executeTakeFirst();
    if (!department) return { ok: false, error: "conversations.errors.noDepartment" };
    const taken = await takeForWork(trx, actor, input.reportId, now);
    if (!taken.ok) return taken;
    if (taken.report.department_id === department.id) return { ok: false, error: "conversations.errors.sameDepartment" };
    await trx.updateTable("conversation_reports").set({ department_id: department.id }).where("id", "=", input.reportId).execute();
    await recordEvent(trx, {
      reportId: input.reportId,
      actorId: actor.id,
      kind: "escalated",
      detail: input.note || null,
      departmentId: department.id,
      at: now,
    });
    await tellResponders(trx, department.id, {
      step: "escalated",
      reportId: input.reportId,
      url: taken.report.url,
      kind: taken.report.kind,
      note: input.note || null,
      origin: input.origin,
    });
    return { ok: true };
  });
}

/** Resolves (actionable: the reporters earn points, within the daily cap) or closes as not actionable. */
export async function closeReport(
  db: DB,
  actor: CareActor,
  input: { reportId: string; outcome: "resolve" | "not_actionable"; note: string; origin: string },
  now = Date.now(),
): Promise<CareResult> {
  return inTransaction(db, async (trx) => {
    const taken = await takeForWork(trx, actor, input.reportId, now);
    if (!taken.ok) return taken;
    const resolved = input.outcome === "resolve";
    const closed = await trx
      .updateTable("conversation_reports")
      .set({
        status: resolved ? "resolved" : "not_actionable",
        resolved_at: now,
        resolution_minutes: resolved ? minutesBetween(taken.report.created_at, now) : null,
        updated_at: now,
      })
      .where("id", "=", input.reportId)
      .where("status", "in", OPEN)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) return { ok: false, error: "conversations.errors.closed" };
    if (resolved) await markFirstResponse(trx, taken.report, now);
    await recordEvent(trx, {
      reportId: input.reportId,
      actorId: actor.id,
      kind: resolved ? "resolved" : "not_actionable",
      detail: input.note || null,
      at: now,
    });
    if (resolved) await awardReportPoints(trx, input.reportId, now);
    await tellReporters(trx, {
      step: resolved ? "resolved" : "not_actionable",
      reportId: input.reportId,
      url: taken.report.url,
      kind: taken.report.kind,
      answerUrl: taken.report.answer_url,
      note: input.note || null,
      origin: input.origin,
    });
    return { ok: true };
  });
}
