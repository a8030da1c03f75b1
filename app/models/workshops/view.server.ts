/**
 * What the workshop pages show, ready for the loaders: texts rendered and sanitised, dates formatted in
 * the organisation's time zone, and the quiz without any hint of which options are right.
 */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { formatDateTime } from "~/models/core/dates";
import { pickLanguage } from "~/models/core/locale";
import { dueDateAfter } from "~/models/onboarding/status.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getVersionWithStatus, getWorkshopBySlug, loadTexts } from "./workshops.server";
import { listWorkshopsForPerson, personProgress } from "~/models/workshops/my-workshops.server";
import { listSessions, sessionRoster } from "./sessions.server";
import { presentWorkshop } from "./text.server";
import { parseStoredAnswers, quizFeedback } from "./quiz-feedback";

/** The /workshops list: every published workshop with the person's status and due date. */
export async function workshopList(db: DB, userId: string, language: Locale, now = Date.now()) {
  const [list, timeZone, user] = await Promise.all([
    listWorkshopsForPerson(db, userId, language),
    getOrganisationTimeZone(db),
    db.selectFrom("users").select("created_at").where("id", "=", userId).executeTakeFirstOrThrow(),
  ]);
  return list.map((w) => {
    const dueAt = w.required && w.dueDays !== null ? dueDateAfter(user.created_at, w.dueDays, timeZone) : null;
    return {
      ...w,
      completedAt: formatDateTime(w.completedAt, language, timeZone, false),
      due: dueAt === null ? null : formatDateTime(dueAt - 1, language, timeZone, false),
      overdue: dueAt !== null && w.status !== "completed" && now >= dueAt,
    };
  });
}

async function publishedWorkshopText(db: DB, slug: string, language: Locale) {
  const workshop = await getWorkshopBySlug(db, slug);
  if (!workshop) return null;
  const version = await getVersionWithStatus(db, workshop.id, "published");
  if (!version) return null;
  const picked = pickLanguage((await loadTexts(db, [version.id])).get(version.id) ?? {}, language);
  if (!picked) return null;
  return { workshop, version, picked };
}

/** One published workshop for a person: lessons, case studies, quiz (no answers), progress, sessions. */
export async function viewWorkshop(db: DB, slug: string, input: { userId: string; language: Locale; now?: number }) {
  const now = input.now ?? Date.now();
  const published = await publishedWorkshopText(db, slug, input.language);
  if (!published) return null;
  const { workshop, version, picked } = published;
  const [progress, sessions, timeZone] = await Promise.all([
    personProgress(db, input.userId, workshop.id, version.id),
    listSessions(db, workshop.id, { userId: input.userId, now }),
    getOrganisationTimeZone(db),
  ]);
  const text = presentWorkshop(picked.text);
  const attemptsUsed = progress.attempts.length;
  const passed = progress.attempts.some((a) => a.passed);
  const attemptsLeft = version.max_attempts === null ? null : Math.max(0, version.max_attempts - attemptsUsed);
  const when = (at: number) => formatDateTime(at, input.language, timeZone);
  // The latest attempt, question by question; the right options only once nothing is left to gain from them.
  const feedback =
    progress.lastAnswers === null
      ? null
      : quizFeedback(picked.text.quiz, parseStoredAnswers(progress.lastAnswers), passed || attemptsLeft === 0);
  return {
    workshop: { id: workshop.id, slug: workshop.slug },
    version: {
      id: version.id,
      language: picked.language,
      required: version.required === 1,
      durationMinutes: version.duration_minutes,
      passMark: version.pass_mark,
      maxAttempts: version.max_attempts,
    },
    text,
    progress: {
      lessonsDone: progress.lessonsDone,
      allLessonsDone: text.lessons.every((l) => progress.lessonsDone.includes(l.number)),
      completed: progress.completion !== null,
      completedAt: progress.completion ? formatDateTime(progress.completion.completedAt, input.language, timeZone, false) : null,
      completedBy: progress.completion?.method ?? null,
    },
    quiz: {
      attemptsUsed,
      attemptsLeft,
      passed,
      canSubmit: text.quiz.length > 0 && !passed && (attemptsLeft === null || attemptsLeft > 0),
      attempts: progress.attempts.map((a) => ({ attempt: a.attempt, score: a.score, passed: a.passed, submittedAt: when(a.submittedAt) })),
      feedback,
    },
    sessions: presentSessions(sessions, when),
  };
}

function presentSessions(sessions: Awaited<ReturnType<typeof listSessions>>, when: (at: number) => string) {
  return sessions.map((s) => ({
    id: s.id,
    startsAt: when(s.startsAt),
    durationMinutes: s.durationMinutes,
    mode: s.mode,
    place: s.place,
    // The link is for the people registered.
    onlineUrl: s.registered ? s.onlineUrl : null,
    seatsLeft: s.seatsLeft,
    capacity: s.capacity,
    registered: s.registered,
    attended: s.attended,
    past: s.past,
  }));
}

export type WorkshopView = NonNullable<Awaited<ReturnType<typeof viewWorkshop>>>;

/** The sessions page for editors and HR: every session with its roster. */
export async function sessionsAdminView(db: DB, workshopId: string, language: Locale, now = Date.now()) {
  const [sessions, timeZone] = await Promise.all([listSessions(db, workshopId, { includePast: true, now }), getOrganisationTimeZone(db)]);
  const rosters = await Promise.all(sessions.map((s) => sessionRoster(db, s.id)));
  return {
    timeZone,
    sessions: sessions.map((s, i) => ({
      id: s.id,
      startsAt: formatDateTime(s.startsAt, language, timeZone),
      started: s.startsAt <= now,
      durationMinutes: s.durationMinutes,
      mode: s.mode,
      place: s.place,
      onlineUrl: s.onlineUrl,
      capacity: s.capacity,
      seatsTaken: s.seatsTaken,
      cancelled: s.cancelled,
      roster: rosters[i].map((p) => ({ id: p.id, name: p.name, department: p.department, attended: p.attended })),
    })),
  };
}
