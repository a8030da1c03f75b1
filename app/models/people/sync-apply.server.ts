import type { DB } from "~/utils/db.server";
import { serializableTransaction } from "~/utils/db.server";
import type { Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { recordAudit } from "~/models/audit/record.server";
import { findDepartmentByName } from "./departments.server";
import { createInvitation, sendInvitationMail } from "./invitations.server";
import { needsMassConfirmation, readDirectory, type SyncPlan } from "./sync-plan.server";
import { deactivateUser, reactivateUser, updatePerson } from "./users.server";

/** Stores a preview; applying it later does exactly this plan, provided the people still hash to `hash`. */
export async function savePeopleSync(db: DB, input: { createdBy: string; plan: SyncPlan; hash: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto("people_syncs")
    .values({
      id,
      created_by: input.createdBy,
      filename: input.plan.filename,
      status: "previewed",
      whole_company: input.plan.wholeCompany ? 1 : 0,
      plan_json: JSON.stringify(input.plan),
      people_hash: input.hash,
      created_at: Date.now(),
      applied_at: null,
    })
    .execute();
  return id;
}

export async function getPeopleSync(db: DB, id: string) {
  const row = await db.selectFrom("people_syncs").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const plan = JSON.parse(row.plan_json) as SyncPlan;
  return { id: row.id, createdBy: row.created_by, status: row.status, createdAt: row.created_at, appliedAt: row.applied_at, plan };
}

export type ApplySyncResult =
  { ok: true } | { ok: false; reason: "not-found" | "already-done" | "people-changed" | "confirmation-needed" | "last-admin" };

/** A refusal found half-way; thrown so the transaction rolls back everything written before it. */
class SyncRefused extends Error {
  constructor(readonly reason: "already-done" | "people-changed" | "last-admin") {
    super(reason);
  }
}

interface ApplyOptions {
  actorId: string;
  origin: string;
  /** The language of invitation mails for new people the file gives no language. */
  locale: Locale;
  /** The number of deactivations the admin typed, needed when the plan deactivates more than the allowed share. */
  confirmedDeactivations: number | null;
}

async function departmentIds(trx: DB, plan: SyncPlan): Promise<Map<string, string>> {
  for (const name of plan.departmentsToCreate) {
    if (!(await findDepartmentByName(trx, name)))
      await trx.insertInto("departments").values({ id: newId(), name, created_at: Date.now() }).execute();
  }
  const all = await trx.selectFrom("departments").select(["id", "name"]).execute();
  return new Map(all.map((d) => [d.name.toLowerCase(), d.id]));
}

async function createPeople(trx: DB, plan: SyncPlan, departments: Map<string, string>, options: ApplyOptions): Promise<void> {
  for (const row of plan.creates) {
    const departmentId = row.departmentName ? (departments.get(row.departmentName.toLowerCase()) ?? null) : null;
    const invitation = { email: row.email, name: row.name, departmentId, roles: row.roles, invitedBy: options.actorId };
    const result = await createInvitation(trx, invitation);
    if (!result.ok) throw new SyncRefused("people-changed");
    if (row.locale) await trx.updateTable("users").set({ locale: row.locale }).where("id", "=", result.userId).execute();
    await recordAudit(trx, {
      actorId: options.actorId,
      action: "person.created",
      target: { type: "person", id: result.userId, label: row.email },
      after: { name: row.name, department: row.departmentName, roles: row.roles, source: "people sync" },
    });
    // Written to the outbox in this transaction: the mail goes out only if the whole sync is applied.
    const locale = row.locale ?? options.locale;
    await sendInvitationMail(trx, { email: row.email, name: row.name, token: result.token, origin: options.origin, locale });
  }
}

async function updatePeople(trx: DB, plan: SyncPlan, departments: Map<string, string>, actorId: string): Promise<void> {
  for (const change of plan.updates) {
    const { before, after } = change;
    const departmentId = after.departmentName ? (departments.get(after.departmentName.toLowerCase()) ?? null) : null;
    const result = await updatePerson(trx, change.userId, { name: after.name, departmentId, roles: after.roles }, actorId);
    if (!result.ok) throw new SyncRefused("last-admin");
    if (before.locale !== after.locale) {
      await trx.updateTable("users").set({ locale: after.locale }).where("id", "=", change.userId).execute();
      await recordAudit(trx, {
        actorId,
        action: "person.updated",
        target: { type: "person", id: change.userId, label: change.email },
        before: { locale: before.locale },
        after: { locale: after.locale },
      });
    }
  }
}

async function applyPlan(trx: DB, syncId: string, plan: SyncPlan, options: ApplyOptions): Promise<void> {
  const departments = await departmentIds(trx, plan);
  await createPeople(trx, plan, departments, options);
  await updatePeople(trx, plan, departments, options.actorId);
  for (const person of plan.reactivations) await reactivateUser(trx, person.userId, options.actorId);
  for (const person of plan.deactivations) {
    // The existing deactivation: the person's sessions are deleted with it, so they are signed out at once.
    if (!(await deactivateUser(trx, person.userId, options.actorId)).ok) throw new SyncRefused("last-admin");
  }
  await recordAudit(trx, {
    actorId: options.actorId,
    action: "directory.synced",
    target: { type: "people_sync", id: syncId, label: plan.filename },
    after: {
      wholeCompany: plan.wholeCompany,
      created: plan.creates.length,
      updated: plan.updates.length,
      reactivated: plan.reactivations.length,
      deactivated: plan.deactivations.length,
      rejectedRows: plan.rowErrors.length,
    },
  });
}

/**
 * Applies a previewed sync all at once or not at all, and only once: in one serializable transaction
 * that first checks the people and departments are exactly those the preview was computed from.
 */
export async function applyPeopleSync(db: DB, syncId: string, options: ApplyOptions): Promise<ApplySyncResult> {
  const sync = await getPeopleSync(db, syncId);
  if (!sync) return { ok: false, reason: "not-found" };
  if (sync.status !== "previewed") return { ok: false, reason: "already-done" };
  if (needsMassConfirmation(sync.plan) && options.confirmedDeactivations !== sync.plan.deactivations.length)
    return { ok: false, reason: "confirmation-needed" };
  try {
    await serializableTransaction(db, async (trx) => {
      const claimed = await trx
        .updateTable("people_syncs")
        .set({ status: "applied", applied_at: Date.now() })
        .where("id", "=", syncId)
        .where("status", "=", "previewed")
        .returning("people_hash")
        .executeTakeFirst();
      if (!claimed) throw new SyncRefused("already-done");
      if ((await readDirectory(trx)).hash !== claimed.people_hash) throw new SyncRefused("people-changed");
      await applyPlan(trx, syncId, sync.plan, options);
    });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof SyncRefused)) throw error;
    if (error.reason === "people-changed") {
      await db
        .updateTable("people_syncs")
        .set({ status: "discarded" })
        .where("id", "=", syncId)
        .where("status", "=", "previewed")
        .execute();
    }
    return { ok: false, reason: error.reason };
  }
}

export async function listPeopleSyncs(db: DB, limit = 10) {
  return db
    .selectFrom("people_syncs")
    .select(["id", "filename", "status", "whole_company", "created_at", "applied_at"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
