import { beforeEach, describe, expect, it } from "vitest";
import { participation } from "~/models/analytics/queries.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { dueDateAfter, getOnboardingStatus, isOnboarded } from "~/models/onboarding/status.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { markLessonDone, submitQuiz } from "~/models/workshops/progress.server";
import { deactivateUser } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { createTestUser } from "../support/http";
import { createGuideline, publishNewVersion, sampleText as guidelineText, textHashOf } from "../guidelines/helpers";
import { createTestWorkshop, RIGHT_ANSWERS } from "./helpers";

const utc = (iso: string) => new Date(iso).getTime();

/** Only the guideline and workshop made by each test are required. */
beforeEach(async () => {
  await db.updateTable("guideline_documents").set({ required: 0 }).execute();
  await db.updateTable("workshop_versions").set({ required: 0 }).execute();
  await setOrganisationTimeZone(db, "Europe/Madrid");
});

async function completeWorkshop(userId: string, workshopId: string, versionId: string) {
  await markLessonDone(db, { userId, workshopId, lesson: 1 });
  await markLessonDone(db, { userId, workshopId, lesson: 2 });
  const result = await submitQuiz(db, { userId, workshopId, versionId, language: "es", answers: RIGHT_ANSWERS });
  expect(result).toMatchObject({ ok: true, completedWorkshop: true });
}

describe("onboarding status", () => {
  it("moves from not started to in progress to complete, and back when a new guideline version is published", async () => {
    const guideline = await createGuideline({ required: true });
    const workshop = await createTestWorkshop({ settings: { required: true, dueDays: 30 } });
    const user = await createTestUser();
    const now = Date.now();

    let status = await getOnboardingStatus(db, user.id, now);
    expect(status.state).toBe("not_started");
    expect(status.pendingGuidelines.map((g) => g.slug)).toEqual([guideline.slug]);
    expect(status.pendingWorkshops.map((w) => ({ slug: w.slug, title: w.title }))).toEqual([
      { slug: workshop.slug, title: "Taller de prueba" },
    ]);
    expect(await isOnboarded(db, user.id)).toBe(false);

    await markLessonDone(db, { userId: user.id, workshopId: workshop.workshopId, lesson: 1 });
    expect((await getOnboardingStatus(db, user.id, now)).state).toBe("in_progress");

    await acknowledgeGuideline(db, {
      userId: user.id,
      versionId: guideline.versionId,
      language: "es",
      textHash: await textHashOf(guideline.versionId, "es"),
    });
    status = await getOnboardingStatus(db, user.id, now);
    expect(status).toMatchObject({ state: "in_progress", pendingGuidelines: [] });
    expect(status.pendingWorkshops).toHaveLength(1);
    expect(await isOnboarded(db, user.id)).toBe(false);

    await completeWorkshop(user.id, workshop.workshopId, workshop.versionId);
    status = await getOnboardingStatus(db, user.id, now, "en");
    expect(status).toMatchObject({ state: "complete", pendingGuidelines: [], pendingWorkshops: [] });
    expect(await isOnboarded(db, user.id)).toBe(true);

    // A new version of the required guideline must be acknowledged again.
    await publishNewVersion(guideline.documentId, guidelineText({ title: "Decálogo 2" }));
    expect((await getOnboardingStatus(db, user.id, now)).state).toBe("in_progress");
    expect(await isOnboarded(db, user.id)).toBe(false);
  });

  it("an optional workshop or a draft does not count; a newly required workshop does", async () => {
    const user = await createTestUser();
    await createTestWorkshop({ settings: { required: false } });
    await createTestWorkshop({ settings: { required: true }, publish: false });
    expect(await isOnboarded(db, user.id)).toBe(true);
    expect((await getOnboardingStatus(db, user.id)).state).toBe("complete");
    await createTestWorkshop({ settings: { required: true } });
    expect(await isOnboarded(db, user.id)).toBe(false);
  });

  it("completing by attending a live session counts like passing the quiz", async () => {
    const { createSession, registerForSession, markAttendance } = await import("~/models/workshops/sessions.server");
    const workshop = await createTestWorkshop({ settings: { required: true } });
    const user = await createTestUser();
    const startsAt = Date.now() + 60_000;
    const sessionId = await createSession(db, {
      workshopId: workshop.workshopId,
      startsAt,
      durationMinutes: 60,
      mode: "online",
      place: null,
      onlineUrl: "https://meet.example.com/x",
      capacity: 3,
      actorId: null,
    });
    await registerForSession(db, { sessionId, userId: user.id });
    await markAttendance(db, { sessionId, workshopId: workshop.workshopId, attendedUserIds: [user.id], actorId: null, now: startsAt + 1 });
    expect(await isOnboarded(db, user.id)).toBe(true);
  });
});

describe("analytics participation", () => {
  it("counts certified ambassadors as the denominator", async () => {
    const w = await createTestWorkshop({ settings: { required: true } });
    const person = await createTestUser();
    const range = { start: 0, end: Date.now() + 1 };
    expect((await participation(db, range)).onboarded).toBe(0);
    await completeWorkshop(person.id, w.workshopId, w.versionId);
    expect(await participation(db, range)).toMatchObject({ onboarded: 1, ambassadors: 0, rate: 0 });
    // Deactivated people are not counted.
    await deactivateUser(db, person.id);
    expect((await participation(db, range)).onboarded).toBe(0);
  });
});

describe("overdue", () => {
  it("is due at the end of the local day dueDays after joining, in the organisation's time zone", () => {
    // 00:30 in Madrid on 2 March is still 1 March in UTC: the local date counts.
    const joined = utc("2026-03-01T23:30:00Z");
    expect(dueDateAfter(joined, 7, "Europe/Madrid")).toBe(utc("2026-03-09T23:00:00Z")); // start of 10 March in Madrid
    expect(dueDateAfter(joined, 7, "UTC")).toBe(utc("2026-03-09T00:00:00Z"));
    // Across the change to summer time (29 March 2026) the deadline is local midnight, UTC+2.
    expect(dueDateAfter(utc("2026-03-20T09:00:00Z"), 10, "Europe/Madrid")).toBe(utc("2026-03-30T22:00:00Z"));
  });

  it("becomes overdue exactly at the due date, and the earliest pending workshop sets it", async () => {
    const short = await createTestWorkshop({ settings: { required: true, dueDays: 7 } });
    const long = await createTestWorkshop({ settings: { required: true, dueDays: 30 } });
    const user = await createTestUser();
    await db
      .updateTable("users")
      .set({ created_at: utc("2026-03-01T23:30:00Z") })
      .where("id", "=", user.id)
      .execute();
    const due = utc("2026-03-09T23:00:00Z");
    let status = await getOnboardingStatus(db, user.id, due - 1);
    expect(status).toMatchObject({ state: "not_started", dueAt: due });
    expect(status.pendingWorkshops.find((w) => w.slug === short.slug)?.dueAt).toBe(due);
    expect((await getOnboardingStatus(db, user.id, due)).state).toBe("overdue");

    // With the short one done, the onboarding is due with the long one.
    await completeWorkshop(user.id, short.workshopId, short.versionId);
    status = await getOnboardingStatus(db, user.id, due);
    expect(status.state).toBe("in_progress");
    expect(status.dueAt).toBe(utc("2026-04-01T22:00:00Z")); // start of 2 April in Madrid (summer time)
    await completeWorkshop(user.id, long.workshopId, long.versionId);
    expect((await getOnboardingStatus(db, user.id, utc("2027-01-01T00:00:00Z"))).state).toBe("complete");
  });

  it("with only guidelines pending, the latest required workshop's date applies; with no due period, never overdue", async () => {
    const guideline = await createGuideline({ required: true });
    const user = await createTestUser();
    await db
      .updateTable("users")
      .set({ created_at: utc("2026-06-10T10:00:00Z") })
      .where("id", "=", user.id)
      .execute();
    expect(await getOnboardingStatus(db, user.id, utc("2030-01-01T00:00:00Z"))).toMatchObject({ state: "not_started", dueAt: null });
    const w = await createTestWorkshop({ settings: { required: true, dueDays: 5 } });
    await completeWorkshop(user.id, w.workshopId, w.versionId);
    const status = await getOnboardingStatus(db, user.id, utc("2026-06-16T22:00:00Z"));
    expect(status).toMatchObject({ state: "overdue", dueAt: utc("2026-06-15T22:00:00Z") });
    expect(status.pendingGuidelines.map((g) => g.slug)).toEqual([guideline.slug]);
  });
});
