import { describe, expect, it } from "vitest";
import { cancelRegistration, createSession, listSessions, markAttendance, registerForSession } from "~/models/workshops/sessions.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { createTestWorkshop, ledgerRows } from "./helpers";

const HOUR = 60 * 60 * 1000;

async function session(workshopId: string, capacity: number, startsAt = Date.now() + 48 * HOUR) {
  return createSession(db, {
    workshopId,
    startsAt,
    durationMinutes: 60,
    mode: "in_person",
    place: "Sala 2, Madrid",
    onlineUrl: null,
    capacity,
    actorId: null,
  });
}

describe("live sessions", () => {
  it("never takes more registrations than seats, even when many arrive at once", async () => {
    const { workshopId } = await createTestWorkshop();
    const sessionId = await session(workshopId, 5);
    const people = await Promise.all(Array.from({ length: 20 }, () => createTestUser()));
    const results = await Promise.all(people.map((p) => registerForSession(db, { sessionId, userId: p.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.error === "workshops.errors.sessionFull")).toHaveLength(15);
    const rows = await db.selectFrom("workshop_registrations").select("user_id").where("session_id", "=", sessionId).execute();
    expect(rows).toHaveLength(5);
    const s = await db.selectFrom("workshop_sessions").select("seats_taken").where("id", "=", sessionId).executeTakeFirstOrThrow();
    expect(s.seats_taken).toBe(5);
  });

  it("counts one seat when the same person registers twice at once, and frees it on cancelling", async () => {
    const { workshopId } = await createTestWorkshop();
    const sessionId = await session(workshopId, 2);
    const person = await createTestUser();
    const results = await Promise.all([1, 2, 3].map(() => registerForSession(db, { sessionId, userId: person.id })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.alreadyRegistered)).toHaveLength(1);
    let [listed] = await listSessions(db, workshopId, { userId: person.id });
    expect(listed).toMatchObject({ registered: true, seatsTaken: 1, seatsLeft: 1 });
    expect(await cancelRegistration(db, { sessionId, userId: person.id })).toEqual({ ok: true });
    expect(await cancelRegistration(db, { sessionId, userId: person.id })).toEqual({ ok: false, error: "workshops.errors.notRegistered" });
    [listed] = await listSessions(db, workshopId, { userId: person.id });
    expect(listed).toMatchObject({ registered: false, seatsTaken: 0, seatsLeft: 2 });
  });

  it("refuses registration once a session has started", async () => {
    const { workshopId } = await createTestWorkshop();
    const sessionId = await session(workshopId, 2, Date.now() - HOUR);
    const person = await createTestUser();
    expect(await registerForSession(db, { sessionId, userId: person.id })).toEqual({ ok: false, error: "workshops.errors.sessionStarted" });
  });

  it("completes the workshop for attendees, with points once, and only after the session started", async () => {
    const { workshopId } = await createTestWorkshop();
    const startsAt = Date.now() + HOUR;
    const sessionId = await session(workshopId, 10, startsAt);
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    for (const p of [a, b]) expect((await registerForSession(db, { sessionId, userId: p.id })).ok).toBe(true);
    expect(await markAttendance(db, { sessionId, workshopId, attendedUserIds: [a.id], actorId: null })).toEqual({
      ok: false,
      error: "workshops.errors.sessionNotStarted",
    });
    const later = startsAt + 2 * HOUR;
    expect(await markAttendance(db, { sessionId, workshopId, attendedUserIds: [a.id], actorId: null, now: later })).toEqual({
      ok: true,
      completed: 1,
    });
    // Marking again (and unticking) does not award or take back anything.
    expect(await markAttendance(db, { sessionId, workshopId, attendedUserIds: [a.id], actorId: null, now: later })).toEqual({
      ok: true,
      completed: 0,
    });
    expect(await markAttendance(db, { sessionId, workshopId, attendedUserIds: [], actorId: null, now: later })).toEqual({
      ok: true,
      completed: 0,
    });
    const completions = await db
      .selectFrom("workshop_completions")
      .select(["user_id", "method"])
      .where("workshop_id", "=", workshopId)
      .execute();
    expect(completions).toEqual([{ user_id: a.id, method: "attendance" }]);
    expect(await ledgerRows(a.id)).toHaveLength(1);
    expect(await ledgerRows(b.id)).toHaveLength(0);
    // A person not registered cannot be marked.
    const outsider = await createTestUser();
    await markAttendance(db, { sessionId, workshopId, attendedUserIds: [outsider.id], actorId: null, now: later });
    expect(await ledgerRows(outsider.id)).toHaveLength(0);
  });
});
