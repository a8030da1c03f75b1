/**
 * Live sessions of a workshop (in person or online) with a capacity. Registering takes a seat with one
 * conditional UPDATE (`seats_taken < capacity`) in the transaction that inserts the registration: on
 * PostgreSQL the row lock makes concurrent registrations wait and re-check the condition, on SQLite
 * transactions run one at a time, so a session is never overbooked. Attendance completes the workshop.
 */
import type { WorkshopSessionMode } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB, isUniqueViolation } from "~/utils/db.server";
import { completeIfDone } from "~/models/workshops/progress.server";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";

export interface NewSession {
  workshopId: string;
  startsAt: number;
  durationMinutes: number;
  mode: WorkshopSessionMode;
  place: string | null;
  onlineUrl: string | null;
  capacity: number;
  actorId: string | null;
  now?: number;
}

export async function createSession(db: DB, input: NewSession): Promise<string> {
  const id = newId();
  await db
    .insertInto("workshop_sessions")
    .values({
      id,
      workshop_id: input.workshopId,
      starts_at: input.startsAt,
      duration_minutes: input.durationMinutes,
      mode: input.mode,
      place: input.mode === "in_person" ? input.place : null,
      online_url: input.mode === "online" ? input.onlineUrl : null,
      capacity: input.capacity,
      created_by: input.actorId,
      created_at: input.now ?? Date.now(),
      cancelled_at: null,
    })
    .execute();
  return id;
}

export async function cancelSession(db: DB, sessionId: string, now = Date.now()): Promise<boolean> {
  const result = await db
    .updateTable("workshop_sessions")
    .set({ cancelled_at: now })
    .where("id", "=", sessionId)
    .where("cancelled_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The workshop's sessions, soonest first, with the person's registration when `userId` is given. */
export async function listSessions(db: DB, workshopId: string, options: { userId?: string; includePast?: boolean; now?: number } = {}) {
  const now = options.now ?? Date.now();
  let query = db
    .selectFrom("workshop_sessions as s")
    .select([
      "s.id",
      "s.starts_at",
      "s.duration_minutes",
      "s.mode",
      "s.place",
      "s.online_url",
      "s.capacity",
      "s.seats_taken",
      "s.cancelled_at",
    ])
    .where("s.workshop_id", "=", workshopId)
    .orderBy("s.starts_at");
  if (!options.includePast) query = query.where("s.starts_at", ">=", now - 24 * 60 * 60 * 1000).where("s.cancelled_at", "is", null);
  const sessions = await query.execute();
  const mine =
    options.userId && sessions.length
      ? await db
          .selectFrom("workshop_registrations")
          .select(["session_id", "attended"])
          .where("user_id", "=", options.userId)
          .where(
            "session_id",
            "in",
            sessions.map((s) => s.id),
          )
          .execute()
      : [];
  return sessions.map((s) => {
    const registration = mine.find((m) => m.session_id === s.id);
    return {
      id: s.id,
      startsAt: s.starts_at,
      durationMinutes: s.duration_minutes,
      mode: s.mode,
      place: s.place,
      onlineUrl: s.online_url,
      capacity: s.capacity,
      seatsTaken: s.seats_taken,
      seatsLeft: Math.max(0, s.capacity - s.seats_taken),
      cancelled: s.cancelled_at !== null,
      past: s.starts_at < now,
      registered: Boolean(registration),
      attended: registration?.attended === 1,
    };
  });
}

export type RegisterResult =
  | { ok: true; alreadyRegistered: boolean }
  | {
      ok: false;
      error: "errors.notFound" | "workshops.errors.sessionFull" | "workshops.errors.sessionStarted" | "workshops.errors.sessionCancelled";
    };

/** Takes a seat in the session for the person, if one is left. */
export async function registerForSession(
  db: DB,
  input: { sessionId: string; userId: string; workshopId?: string; now?: number },
): Promise<RegisterResult> {
  const now = input.now ?? Date.now();
  const once = () =>
    inTransaction(db, async (trx): Promise<RegisterResult> => {
      const session = await trx
        .selectFrom("workshop_sessions")
        .select(["id", "workshop_id", "starts_at", "cancelled_at"])
        .where("id", "=", input.sessionId)
        .executeTakeFirst();
      if (!session || (input.workshopId !== undefined && session.workshop_id !== input.workshopId))
        return { ok: false, error: "errors.notFound" };
      if (session.cancelled_at !== null) return { ok: false, error: "workshops.errors.sessionCancelled" };
      if (session.starts_at <= now) return { ok: false, error: "workshops.errors.sessionStarted" };
      const existing = await trx
        .selectFrom("workshop_registrations")
        .select("user_id")
        .where("session_id", "=", session.id)
        .where("user_id", "=", input.userId)
        .executeTakeFirst();
      if (existing) return { ok: true, alreadyRegistered: true };
      const seat = await trx
        .updateTable("workshop_sessions")
        .set((eb) => ({ seats_taken: eb("seats_taken", "+", 1) }))
        .where("id", "=", session.id)
        .whereRef("seats_taken", "<", "capacity")
        .executeTakeFirst();
      if (Number(seat.numUpdatedRows) === 0) return { ok: false, error: "workshops.errors.sessionFull" };
      await trx
        .insertInto("workshop_registrations")
        .values({
          session_id: session.id,
          user_id: input.userId,
          registered_at: now,
          attendance_marked_by: null,
          attendance_marked_at: null,
        })
        .execute();
      await refreshOnboardingProgress(trx, [input.userId]);
      return { ok: true, alreadyRegistered: false };
    });
  try {
    return await once();
  } catch (error) {
    // The same person registering twice at once: the second insert breaks the primary key and its seat is rolled back.
    if (db.isTransaction || !isUniqueViolation(error)) throw error;
    return once();
  }
}

export type CancelRegistrationResult =
  { ok: true } | { ok: false; error: "workshops.errors.notRegistered" | "workshops.errors.sessionStarted" };

/** Gives the seat back (before the session starts). */
export async function cancelRegistration(
  db: DB,
  input: { sessionId: string; userId: string; now?: number },
): Promise<CancelRegistrationResult> {
  const now = input.now ?? Date.now();
  return inTransaction(db, async (trx): Promise<CancelRegistrationResult> => {
    const session = await trx
      .selectFrom("workshop_sessions")
      .select(["id", "starts_at"])
      .where("id", "=", input.sessionId)
      .executeTakeFirst();
    if (!session) return { ok: false, error: "workshops.errors.notRegistered" };
    if (session.starts_at <= now) return { ok: false, error: "workshops.errors.sessionStarted" };
    const deleted = await trx
      .deleteFrom("workshop_registrations")
      .where("session_id", "=", session.id)
      .where("user_id", "=", input.userId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return { ok: false, error: "workshops.errors.notRegistered" };
    await trx
      .updateTable("workshop_sessions")
      .set((eb) => ({ seats_taken: eb("seats_taken", "-", 1) }))
      .where("id", "=", session.id)
      .execute();
    await refreshOnboardingProgress(trx, [input.userId]);
    return { ok: true };
  });
}

/** The people registered for a session, by name, with their attendance. */
export async function sessionRoster(db: DB, sessionId: string) {
  const rows = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .leftJoin("departments as d", "d.id", "u.department_id")
    .select(["u.id", "u.name", "u.email", "d.name as department", "r.registered_at", "r.attended"])
    .where("r.session_id", "=", sessionId)
    .execute();
  const byName = new Intl.Collator("es", { sensitivity: "base" });
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      department: r.department,
      registeredAt: r.registered_at,
      attended: r.attended === 1,
    }))
    .sort((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * Sets who attended (the ticked people; the others registered are marked absent). Each newly marked
 * attendee completes the workshop, with its points, in the same transaction. A completion already
 * earned is not taken back by unticking someone.
 */
export async function markAttendance(
  db: DB,
  input: { sessionId: string; workshopId: string; attendedUserIds: string[]; actorId: string | null; now?: number },
): Promise<{ ok: true; completed: number } | { ok: false; error: "errors.notFound" | "workshops.errors.sessionNotStarted" }> {
  const now = input.now ?? Date.now();
  return inTransaction(db, async (trx) => {
    const session = await trx
      .selectFrom("workshop_sessions")
      .select(["id", "starts_at"])
      .where("id", "=", input.sessionId)
      .where("workshop_id", "=", input.workshopId)
      .executeTakeFirst();
    if (!session) return { ok: false, error: "errors.notFound" } as const;
    if (session.starts_at > now) return { ok: false, error: "workshops.errors.sessionNotStarted" } as const;
    const registered = await trx
      .selectFrom("workshop_registrations")
      .select(["user_id", "attended"])
      .where("session_id", "=", session.id)
      .execute();
    const ticked = new Set(input.attendedUserIds);
    let completed = 0;
    for (const r of registered) {
      const attended = ticked.has(r.user_id) ? 1 : 0;
      if (attended === r.attended) continue;
      await trx
        .updateTable("workshop_registrations")
        .set({ attended, attendance_marked_by: input.actorId, attendance_marked_at: now })
        .where("session_id", "=", session.id)
        .where("user_id", "=", r.user_id)
        .execute();
      if (attended && (await completeIfDone(trx, { userId: r.user_id, workshopId: input.workshopId, now, attendance: true }))) completed++;
    }
    return { ok: true, completed } as const;
  });
}
