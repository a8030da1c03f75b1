/**
 * Demo data for training: colleagues joined on days spread over the last three months, some have
 * completed the workshops (lessons and quiz), some are half-way, some are overdue; each published
 * workshop has an upcoming live session with a few people registered. The demo logins are left out,
 * so the demo employee walks the onboarding themselves. Running it again adds nothing.
 */
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { parseLocalDateTime, toLocalDateInput } from "~/models/core/dates";
import { DEMO_LOGINS } from "./organisation";
import { pickLanguage } from "~/models/core/locale";
import { acknowledgeGuideline, hasAcknowledgedAllRequired } from "~/models/guidelines/acknowledgements.server";
import { loadTexts as loadGuidelineTexts } from "~/models/guidelines/documents.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getVersionWithStatus, loadTexts } from "~/models/workshops/workshops.server";
import { markLessonDone, submitQuiz } from "~/models/workshops/progress.server";
import { createSession, registerForSession } from "~/models/workshops/sessions.server";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoTraining(db: DB, now = Date.now()): Promise<{ completions: number; sessions: number }> {
  if (await db.selectFrom("workshop_sessions").select("id").limit(1).executeTakeFirst()) return { completions: 0, sessions: 0 };
  const logins = DEMO_LOGINS.map((l) => l.email);
  const people = await db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
    .select(["u.id"])
    .where("u.status", "=", "active")
    .where("u.email", "not in", logins)
    .orderBy("u.email")
    .execute();
  const workshops = await db.selectFrom("workshops").select(["id", "slug"]).orderBy("created_at").orderBy("slug").execute();
  const published = [];
  for (const w of workshops) {
    const version = await getVersionWithStatus(db, w.id, "published");
    const text = version ? pickLanguage((await loadTexts(db, [version.id])).get(version.id) ?? {}, DEFAULT_LOCALE)?.text : undefined;
    if (version && text) published.push({ workshopId: w.id, versionId: version.id, text });
  }
  let completions = 0;
  for (const [i, person] of people.entries()) {
    await db
      .updateTable("users")
      .set({ created_at: now - (25 + ((i * 9) % 60)) * DAY })
      .where("id", "=", person.id)
      .execute();
    await refreshOnboardingProgress(db, [person.id]);
    if (!(await hasAcknowledgedAllRequired(db, person.id))) continue;
    // i % 3: 0 completes every workshop, 1 only the first, 2 reads two lessons of the first.
    for (const [k, w] of published.entries()) {
      const at = now - ((i * 3 + k) % 14) * DAY - DAY;
      const lessons = i % 3 === 0 || (i % 3 === 1 && k === 0) ? w.text.lessons.length : i % 3 === 2 && k === 0 ? 2 : 0;
      for (let lesson = 1; lesson <= Math.min(lessons, w.text.lessons.length); lesson++)
        await markLessonDone(db, { userId: person.id, workshopId: w.workshopId, lesson, now: at });
      if (lessons === w.text.lessons.length && w.text.quiz.length) {
        const answers = w.text.quiz.map((q) => q.options.flatMap((o, n) => (o.correct ? [n] : [])));
        const result = await submitQuiz(db, {
          userId: person.id,
          workshopId: w.workshopId,
          versionId: w.versionId,
          language: "es",
          answers,
          now: at,
        });
        if (result.ok && result.completedWorkshop) completions += 1;
      }
    }
  }
  let sessions = 0;
  const timeZone = await getOrganisationTimeZone(db);
  for (const [k, w] of published.entries()) {
    // 10:00, organisation time, in 10 (then 17, 24…) days.
    const startsAt =
      parseLocalDateTime(`${toLocalDateInput(now + (10 + k * 7) * DAY, timeZone)}T10:00`, timeZone) ?? now + (10 + k * 7) * DAY;
    const sessionId = await createSession(db, {
      workshopId: w.workshopId,
      startsAt,
      durationMinutes: 90,
      mode: k % 2 === 0 ? "in_person" : "online",
      place: k % 2 === 0 ? "Sala Ágora, planta 2" : null,
      onlineUrl: k % 2 === 0 ? null : "https://meet.example.com/altavoz-formacion",
      capacity: 12,
      actorId: null,
      now,
    });
    sessions += 1;
    const done = new Set(
      (await db.selectFrom("workshop_completions").select("user_id").where("workshop_id", "=", w.workshopId).execute()).map(
        (c) => c.user_id,
      ),
    );
    for (const person of people.filter((p) => !done.has(p.id)).slice(0, 3))
      await registerForSession(db, { sessionId, userId: person.id, now });
  }
  return { completions, sessions };
}

/** The demo logins that are already certified ambassadors, so the demo can share from the first minute. */
export const CERTIFIED_DEMO_LOGINS = [
  "admin@demo.altavoz.test",
  "editor@demo.altavoz.test",
  "reviewer@demo.altavoz.test",
  "hr@demo.altavoz.test",
  "care@demo.altavoz.test",
];

/**
 * Makes the staff demo logins certified ambassadors: they accept every published guideline and pass
 * every published workshop, through the same functions employees use (so points and history are real).
 * The demo employee is left as a newcomer who walks the onboarding. Returns how many became ambassadors.
 */
export async function certifyDemoStaff(db: DB, now = Date.now()): Promise<number> {
  const people = await db
    .selectFrom("users")
    .select(["id"])
    .where("email", "in", CERTIFIED_DEMO_LOGINS)
    .where("status", "=", "active")
    .execute();
  const versions = await db.selectFrom("guideline_versions").select("id").where("status", "=", "published").execute();
  const guidelineTexts = await loadGuidelineTexts(
    db,
    versions.map((v) => v.id),
  );
  const workshops = await db.selectFrom("workshops").select("id").execute();
  let certified = 0;
  for (const person of people) {
    for (const version of versions) {
      const picked = pickLanguage(guidelineTexts.get(version.id) ?? {}, DEFAULT_LOCALE);
      if (picked)
        await acknowledgeGuideline(db, {
          userId: person.id,
          versionId: version.id,
          language: picked.language,
          textHash: picked.text.hash,
          now: now - 2 * DAY,
        });
    }
    for (const w of workshops) {
      const version = await getVersionWithStatus(db, w.id, "published");
      const text = version ? pickLanguage((await loadTexts(db, [version.id])).get(version.id) ?? {}, DEFAULT_LOCALE)?.text : undefined;
      if (!version || !text) continue;
      for (let lesson = 1; lesson <= text.lessons.length; lesson++)
        await markLessonDone(db, { userId: person.id, workshopId: w.id, lesson, now: now - DAY });
      if (text.quiz.length) {
        const answers = text.quiz.map((q) => q.options.flatMap((o, n) => (o.correct ? [n] : [])));
        await submitQuiz(db, {
          userId: person.id,
          workshopId: w.id,
          versionId: version.id,
          language: DEFAULT_LOCALE,
          answers,
          now: now - DAY,
        });
      }
    }
    if (await isOnboarded(db, person.id)) certified += 1;
  }
  return certified;
}
