import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { DB } from "./db.server";
import { sha256 } from "./crypto.server";

/**
 * Lucia adapter over Kysely, so one implementation serves SQLite and PostgreSQL.
 * The cookie carries the session token; the table keeps only its SHA-256, so a leaked
 * database cannot be replayed as sessions.
 */
export class KyselySessionAdapter implements Adapter {
  /** `absoluteMs`: how long after sign-in a session ends, however active it is. */
  constructor(
    private readonly db: DB,
    private readonly absoluteMs: number,
  ) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select(["sessions.user_id", "sessions.expires_at", "users.status"])
      .where("sessions.id", "=", sha256(sessionId))
      .where("sessions.created_at", ">", Date.now() - this.absoluteMs)
      .executeTakeFirst();
    if (!row || row.status !== "active") return [null, null];
    return [
      { id: sessionId, userId: row.user_id, expiresAt: new Date(row.expires_at), attributes: {} },
      { id: row.user_id, attributes: {} },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(r.expires_at), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({ id: sha256(session.id), user_id: session.userId, expires_at: session.expiresAt.getTime(), created_at: Date.now() })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable("sessions").set({ expires_at: expiresAt.getTime() }).where("id", "=", sha256(sessionId)).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", sha256(sessionId)).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("expires_at", "<=", Date.now()), eb("created_at", "<=", Date.now() - this.absoluteMs)]))
      .execute();
  }
}
