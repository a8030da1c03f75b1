import { describe, expect, it } from "vitest";
import { parseLocalDateTime } from "~/models/core/dates";
import { cancelSession, createSession, registerForSession } from "~/models/workshops/sessions.server";
import { runDeliverySchedule } from "~/runtime/delivery-scheduler.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { createTestWorkshop, sampleText } from "../workshops/helpers";
import { notificationsOf } from "./helpers";

const at = (local: string) => parseLocalDateTime(local, "Europe/Madrid")!;

describe("a live session tomorrow", () => {
  it("reminds each registered person once, on the day before (organisation time zone), in their language", async () => {
    const { workshopId, slug } = await createTestWorkshop({
      texts: { es: sampleText("es", { title: "Voz de marca" }), en: sampleText("en", { title: "Brand voice" }) },
    });
    const session = (startsAt: number) =>
      createSession(db, {
        workshopId,
        startsAt,
        durationMinutes: 60,
        mode: "online",
        place: null,
        onlineUrl: "https://meet.example.com/x",
        capacity: 10,
        actorId: null,
        now: at("2026-12-01T08:00"),
      });
    const thursday = await session(at("2026-12-10T16:30"));
    const cancelled = await session(at("2026-12-10T18:00"));
    const spanish = await createTestUser();
    const english = await createTestUser();
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", english.id).execute();
    for (const userId of [spanish.id, english.id]) {
      for (const sessionId of [thursday, cancelled])
        expect((await registerForSession(db, { sessionId, userId, now: at("2026-12-01T09:00") })).ok).toBe(true);
    }
    expect(await cancelSession(db, cancelled, at("2026-12-02T09:00"))).toBe(true);

    // Tuesday: the session is the day after tomorrow, nothing yet.
    await runDeliverySchedule(db, at("2026-12-08T23:59"));
    expect(await notificationsOf(spanish.id)).toEqual([]);
    // Wednesday, every minute of the day: one reminder each.
    for (const time of ["2026-12-09T00:00", "2026-12-09T12:00", "2026-12-09T23:59"]) await runDeliverySchedule(db, at(time));
    expect(await notificationsOf(spanish.id)).toEqual([
      { kind: "session_tomorrow", link: `/workshops/${slug}`, params: JSON.stringify({ title: "Voz de marca", time: "16:30" }) },
    ]);
    expect((await notificationsOf(english.id)).map((n) => JSON.parse(n.params).title)).toEqual(["Brand voice"]);
  });
});
