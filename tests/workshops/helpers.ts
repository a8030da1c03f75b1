import type { Locale } from "#db/schema";
import { createWorkshop } from "~/models/workshops/workshops.server";
import { insertVersion } from "~/models/workshops/versions.server";
import type { QuizQuestion, WorkshopSettings, WorkshopText } from "~/models/workshops/schema";
import { db } from "~/utils/db.server";

let counter = 0;
export const uniqueSlug = (base = "taller") => `${base}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

/** Three questions: a single choice (right: option 1), a multiple choice (right: 0 and 2) and a single choice (right: 0). */
export function sampleQuiz(language: Locale = "es"): QuizQuestion[] {
  const p = language === "es" ? "Pregunta" : "Question";
  return [
    {
      question: `${p} 1`,
      kind: "single",
      options: [
        { text: "a", correct: false },
        { text: "b", correct: true },
        { text: "c", correct: false },
      ],
    },
    {
      question: `${p} 2`,
      kind: "multiple",
      options: [
        { text: "a", correct: true },
        { text: "b", correct: false },
        { text: "c", correct: true },
        { text: "d", correct: false },
      ],
    },
    {
      question: `${p} 3`,
      kind: "single",
      options: [
        { text: "a", correct: true },
        { text: "b", correct: false },
      ],
    },
  ];
}

/** The right answers to sampleQuiz. */
export const RIGHT_ANSWERS = [[1], [0, 2], [0]];

export function sampleText(language: Locale = "es", overrides: Partial<WorkshopText> = {}): WorkshopText {
  const es = language === "es";
  return {
    title: es ? "Taller de prueba" : "Test workshop",
    summary: es ? "Un resumen." : "A summary.",
    introduction: es ? "Una introducción con **negrita**." : "An introduction in **bold**.",
    lessons: [1, 2].map((n) => ({
      title: `${es ? "Lección" : "Lesson"} ${n}`,
      body: `${es ? "Texto de la lección" : "Lesson text"} ${n}.`,
    })),
    caseStudies: [
      { title: es ? "Caso bueno" : "Good case", outcome: "success", body: "..." },
      { title: es ? "Caso malo" : "Bad case", outcome: "failure", body: "..." },
    ],
    quiz: sampleQuiz(language),
    ...overrides,
  };
}

export const SETTINGS: WorkshopSettings = { required: true, dueDays: 30, durationMinutes: 30, passMark: 60, maxAttempts: 3 };

/** A workshop with version 1 published (or a draft). */
export async function createTestWorkshop(
  options: {
    slug?: string;
    settings?: Partial<WorkshopSettings>;
    texts?: Partial<Record<Locale, WorkshopText>>;
    publish?: boolean;
    now?: number;
  } = {},
): Promise<{ workshopId: string; slug: string; versionId: string }> {
  const slug = options.slug ?? uniqueSlug();
  const now = options.now ?? Date.now();
  const created = await createWorkshop(db, { slug, actorId: null, now });
  if (!created.ok) throw new Error(`slug ${slug} taken`);
  const version = await db.transaction().execute((trx) =>
    insertVersion(trx, {
      workshopId: created.id,
      settings: { ...SETTINGS, ...options.settings },
      texts: options.texts ?? { es: sampleText("es"), en: sampleText("en") },
      status: options.publish === false ? "draft" : "published",
      source: "editor",
      actorId: null,
      now,
    }),
  );
  return { workshopId: created.id, slug, versionId: version.id };
}

/** Makes existing published workshops optional, so a test's own required workshop is the only one. */
export async function onlyTheseRequired(workshopIds: string[]) {
  await db
    .updateTable("workshop_versions")
    .set({ required: 0 })
    .where("workshop_id", "not in", workshopIds.length ? workshopIds : ["-"])
    .execute();
}

export async function ledgerRows(userId: string, action = "workshop_completed") {
  return db
    .selectFrom("points_ledger")
    .selectAll()
    .where("user_id", "=", userId)
    .where("action", "=", action as "workshop_completed")
    .execute();
}
