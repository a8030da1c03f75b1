/** Workshops as one employee sees them: their list with progress, one workshop's progress, the certificate. */
import { type Locale } from "#db/schema";
import { personSql, requiredOfSql } from "~/models/onboarding/audience.server";
import { type DB } from "~/utils/db.server";
import { pickLanguage } from "~/models/core/locale";
import { parseQuiz } from "./text.server";
import { getVersionWithStatus, loadTexts } from "./workshops.server";

// ---------------------------------------------------------------------------------------------
// The employee's view

export type PersonWorkshopStatus = "not_started" | "in_progress" | "completed";

/** Every published workshop with where the person stands. */
export async function listWorkshopsForPerson(db: DB, userId: string, language: Locale) {
  const rows = await db
    .selectFrom("workshops as w")
    .innerJoin("workshop_versions as v", (join) => join.onRef("v.workshop_id", "=", "w.id").on("v.status", "=", "published"))
    .leftJoin("workshop_completions as c", (join) => join.onRef("c.workshop_id", "=", "w.id").on("c.user_id", "=", userId))
    .select((eb) => [
      "w.id",
      "w.slug",
      "v.id as versionId",
      "v.required",
      requiredOfSql("workshop", "w.id", personSql(userId)).as("ofMe"),
      "v.due_days",
      "v.duration_minutes",
      "c.completed_at",
      eb
        .selectFrom("workshop_lesson_progress as p")
        .select((x) => x.fn.countAll<number>().as("n"))
        .whereRef("p.workshop_id", "=", "w.id")
        .where("p.user_id", "=", userId)
        .as("lessonsDone"),
      eb
        .selectFrom("workshop_quiz_attempts as q")
        .select((x) => x.fn.countAll<number>().as("n"))
        .whereRef("q.workshop_id", "=", "w.id")
        .where("q.user_id", "=", userId)
        .as("attempts"),
    ])
    .orderBy("v.required", "desc")
    .orderBy("w.created_at")
    .orderBy("w.slug")
    .execute();
  const texts = await loadTexts(
    db,
    rows.map((r) => r.versionId),
  );
  return rows.map((r) => {
    const text = pickLanguage(texts.get(r.versionId) ?? {}, language)?.text;
    const lessons = text?.lessons.length ?? 0;
    const lessonsDone = Math.min(Number(r.lessonsDone ?? 0), lessons);
    const status: PersonWorkshopStatus =
      r.completed_at !== null ? "completed" : lessonsDone > 0 || Number(r.attempts ?? 0) > 0 ? "in_progress" : "not_started";
    return {
      id: r.id,
      slug: r.slug,
      title: text?.title ?? r.slug,
      summary: text?.summary ?? "",
      required: r.required === 1 && Boolean(Number(r.ofMe)),
      dueDays: r.due_days,
      durationMinutes: r.duration_minutes,
      lessons,
      lessonsDone,
      hasQuiz: (text?.quiz.length ?? 0) > 0,
      completedAt: r.completed_at,
      status,
    };
  });
}

/** The person's state in one workshop: lessons done, attempts on the published version, completion. */
export async function personProgress(db: DB, userId: string, workshopId: string, versionId: string) {
  const [lessons, attempts, completion] = await Promise.all([
    db
      .selectFrom("workshop_lesson_progress")
      .select("lesson_number")
      .where("user_id", "=", userId)
      .where("workshop_id", "=", workshopId)
      .execute(),
    db
      .selectFrom("workshop_quiz_attempts")
      .select(["attempt", "score", "passed", "submitted_at", "answers_json"])
      .where("user_id", "=", userId)
      .where("version_id", "=", versionId)
      .orderBy("attempt", "desc")
      .execute(),
    db
      .selectFrom("workshop_completions")
      .select(["completed_at", "method"])
      .where("user_id", "=", userId)
      .where("workshop_id", "=", workshopId)
      .executeTakeFirst(),
  ]);
  return {
    lessonsDone: lessons.map((l) => l.lesson_number).sort((a, b) => a - b),
    attempts: attempts.map((a) => ({ attempt: a.attempt, score: a.score, passed: a.passed === 1, submittedAt: a.submitted_at })),
    /** The latest attempt's answers as stored (attempts come newest first). */
    lastAnswers: attempts[0]?.answers_json ?? null,
    completion: completion ? { completedAt: completion.completed_at, method: completion.method } : null,
  };
}

/** What the certificate shows, or null when the person has not completed the workshop. */
export async function certificateFor(db: DB, userId: string, slug: string, language: Locale) {
  const row = await db
    .selectFrom("workshop_completions as c")
    .innerJoin("workshops as w", "w.id", "c.workshop_id")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["w.id", "w.slug", "c.completed_at", "c.method", "c.version_id", "u.name"])
    .where("c.user_id", "=", userId)
    .where("w.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  const published = await getVersionWithStatus(db, row.id, "published");
  const versionId = published?.id ?? row.version_id;
  const version = versionId
    ? await db.selectFrom("workshop_versions").select(["duration_minutes"]).where("id", "=", versionId).executeTakeFirst()
    : undefined;
  const text = versionId ? pickLanguage((await loadTexts(db, [versionId])).get(versionId) ?? {}, language)?.text : undefined;
  return {
    slug: row.slug,
    title: text?.title ?? row.slug,
    name: row.name,
    completedAt: row.completed_at,
    method: row.method,
    durationMinutes: version?.duration_minutes ?? null,
    certificateId: `${row.id.slice(0, 8)}-${userId.slice(0, 8)}`.toUpperCase(),
  };
}

/** How many questions a version's quiz has (0 for an unknown version), to read a posted quiz form. */
export async function quizLength(db: DB, workshopId: string, versionId: string): Promise<number> {
  const row = await db
    .selectFrom("workshop_version_texts as t")
    .innerJoin("workshop_versions as v", "v.id", "t.version_id")
    .select("t.quiz_json")
    .where("v.id", "=", versionId)
    .where("v.workshop_id", "=", workshopId)
    .limit(1)
    .executeTakeFirst();
  return row ? parseQuiz(row.quiz_json).length : 0;
}
