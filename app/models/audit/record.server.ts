import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";

/** Who acted: a person (by id), or the directory through a SCIM token, or the system itself. */
export type AuditActor = string | { kind: "scim"; tokenId: string; tokenName: string } | null;

export interface AuditEntry {
  actorId: AuditActor;
  action: string;
  target: { type: string; id: string | null; label: string };
  before?: unknown;
  after?: unknown;
}

async function actorOf(db: DB, actor: AuditActor): Promise<{ id: string | null; label: string }> {
  if (actor === null) return { id: null, label: "system" };
  if (typeof actor !== "string") return { id: `scim:${actor.tokenId}`, label: `SCIM: ${actor.tokenName}` };
  const person = await db.selectFrom("users").select(["name", "email"]).where("id", "=", actor).executeTakeFirst();
  return { id: actor, label: person ? `${person.name} <${person.email}>` : actor };
}

const asJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * Appends one entry to the audit trail. Pass the transaction that makes the change, so the entry
 * and the change are written together or not at all.
 */
export async function recordAudit(db: DB, entry: AuditEntry, now = Date.now()): Promise<void> {
  const actor = await actorOf(db, entry.actorId);
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      target_type: entry.target.type,
      target_id: entry.target.id,
      target_label: entry.target.label.slice(0, 300),
      before_json: asJson(entry.before),
      after_json: asJson(entry.after),
      created_at: now,
    })
    .execute();
}
