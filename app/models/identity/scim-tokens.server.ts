import type { DB } from "~/utils/db.server";
import { inTransaction } from "~/utils/db.server";
import { newId, newToken, sha256 } from "~/utils/crypto.server";
import { recordAudit } from "~/models/audit/record.server";

export const SCIM_TOKEN_PREFIX = "altavoz_scim_";

/** A new bearer token for the directory; the token is returned once, only its hash is kept. */
export async function createScimToken(db: DB, name: string, actorId: string): Promise<{ id: string; token: string }> {
  const id = newId();
  const token = `${SCIM_TOKEN_PREFIX}${newToken()}`;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("scim_tokens")
      .values({
        id,
        name: name.trim(),
        token_hash: sha256(token),
        created_by: actorId,
        created_at: Date.now(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordAudit(trx, { actorId, action: "scim.token_created", target: { type: "scim_token", id, label: name.trim() } });
  });
  return { id, token };
}

export async function revokeScimToken(db: DB, id: string, actorId: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const revoked = await trx
      .updateTable("scim_tokens")
      .set({ revoked_at: Date.now() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .returning(["name"])
      .executeTakeFirst();
    if (revoked) await recordAudit(trx, { actorId, action: "scim.token_revoked", target: { type: "scim_token", id, label: revoked.name } });
    return Boolean(revoked);
  });
}

export async function listScimTokens(db: DB) {
  return db
    .selectFrom("scim_tokens")
    .select(["id", "name", "created_at", "last_used_at", "revoked_at"])
    .orderBy("created_at", "desc")
    .execute();
}

const USE_RESOLUTION_MS = 60_000;

/** The live token named by `Authorization: Bearer …`, or null. Its last use is written at most once a minute. */
export async function authenticateScim(db: DB, authorization: string | null): Promise<{ id: string; name: string } | null> {
  const match = authorization?.match(/^Bearer\s+(\S{10,200})$/i);
  if (!match) return null;
  const token = await db
    .selectFrom("scim_tokens")
    .select(["id", "name", "last_used_at"])
    .where("token_hash", "=", sha256(match[1]))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!token) return null;
  const now = Date.now();
  if (!token.last_used_at || now - token.last_used_at > USE_RESOLUTION_MS) {
    await db.updateTable("scim_tokens").set({ last_used_at: now }).where("id", "=", token.id).execute();
  }
  return { id: token.id, name: token.name };
}
