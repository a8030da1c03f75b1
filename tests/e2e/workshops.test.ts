// End to end in Chromium against the built app: an employee who has already accepted the guidelines
// (and completed one of the two required workshops) follows the home banner to the other workshop,
// marks its lessons done, is stopped by the browser-side check on an unanswered quiz, passes the quiz,
// and comes back home as a certified ambassador with the badge. Needs `npx remix build` first.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDepartment } from "~/models/people/departments.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { loadTexts as loadGuidelineTexts } from "~/models/guidelines/documents.server";
import { syncGuidelines } from "~/models/guidelines/sync.server";
import { insertUser } from "~/models/people/users.server";
import { getVersionWithStatus, getWorkshopBySlug, loadTexts } from "~/models/workshops/workshops.server";
import { markLessonDone, submitQuiz } from "~/models/workshops/progress.server";
import { syncWorkshops } from "~/models/workshops/sync.server";
import type { QuizQuestion } from "~/models/workshops/schema";
import { logIn, root, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e workshop password";
const EMPLOYEE = "wanda.e2e@example.com";
const EDITOR = "eduardo.e2e@example.com";
const HR = "hortensia.e2e@example.com";
/** Browser console errors (a hydration mismatch is reported there, not as a page error). */
function consoleErrors(page: import("playwright-core").Page): string[] {
  const found: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") found.push(`${page.url()}: ${message.text()}`);
  });
  return found;
}

const rightAnswers = (quiz: QuizQuestion[]) => quiz.map((q) => q.options.flatMap((o, k) => (o.correct ? [k] : [])));

let app: E2eApp;
let quiz: QuizQuestion[] = [];
let lessonCount = 0;
let workshopTitle = "";

beforeAll(async () => {
  app = await startE2eApp("workshops", async (db) => {
    const department = await createDepartment(db, "Atención al cliente");
    const userId = await insertUser(db, {
      email: EMPLOYEE,
      name: "Wanda Trabajadora",
      departmentId: department.ok ? department.id : null,
      roles: ["employee"],
      status: "active",
      password: PASSWORD,
      locale: "es",
    });
    await insertUser(db, {
      email: EDITOR,
      name: "Eduardo Editor",
      departmentId: null,
      roles: ["editor", "employee"],
      status: "active",
      password: PASSWORD,
      locale: "es",
    });
    await insertUser(db, {
      email: HR,
      name: "Hortensia Personas",
      departmentId: null,
      roles: ["hr", "employee"],
      status: "active",
      password: PASSWORD,
      locale: "es",
    });
    // The shipped guidelines and workshops, as `npm run sync:content` loads them.
    expect((await syncGuidelines(db, path.join(root, "content/guidelines"))).ok).toBe(true);
    expect((await syncWorkshops(db, path.join(root, "content/workshops"))).ok).toBe(true);
    // Arrange: every required guideline accepted, and the customer conversations workshop completed.
    const versions = await db
      .selectFrom("guideline_versions as v")
      .innerJoin("guideline_documents as d", "d.id", "v.document_id")
      .select(["v.id"])
      .where("v.status", "=", "published")
      .where("d.required", "=", 1)
      .execute();
    for (const v of versions) {
      const text = (await loadGuidelineTexts(db, [v.id])).get(v.id)!.es!;
      expect((await acknowledgeGuideline(db, { userId, versionId: v.id, language: "es", textHash: text.hash })).ok).toBe(true);
    }
    const done = (await getWorkshopBySlug(db, "customer-conversations"))!;
    const doneVersion = (await getVersionWithStatus(db, done.id, "published"))!;
    const doneText = (await loadTexts(db, [doneVersion.id])).get(doneVersion.id)!.es!;
    for (let lesson = 1; lesson <= doneText.lessons.length; lesson++) await markLessonDone(db, { userId, workshopId: done.id, lesson });
    expect(
      await submitQuiz(db, {
        userId,
        workshopId: done.id,
        versionId: doneVersion.id,
        language: "es",
        answers: rightAnswers(doneText.quiz),
      }),
    ).toMatchObject({ completedWorkshop: true });
    // What the browser will go through.
    const todo = (await getWorkshopBySlug(db, "how-social-networks-work"))!;
    const todoVersion = (await getVersionWithStatus(db, todo.id, "published"))!;
    const todoText = (await loadTexts(db, [todoVersion.id])).get(todoVersion.id)!.es!;
    quiz = todoText.quiz;
    lessonCount = todoText.lessons.length;
    workshopTitle = todoText.title;
  });
});

afterAll(async () => {
  await app?.stop();
});

describe("workshops in Chromium", () => {
  it("an employee reads the lessons, passes the quiz and becomes a certified ambassador", async () => {
    const { page, context, errors } = await app.newPage();
    const consoleProblems = consoleErrors(page);
    await logIn(page, app.base, EMPLOYEE, PASSWORD);
    await page.waitForURL(`${app.base}/`);

    const banner = page.getByTestId("onboarding-gate");
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.getByRole("heading").textContent()).toBe("Completa tu formación para ser embajador certificado");
    expect(await banner.getByTestId("onboarding-gate-workshops").getByRole("listitem").allTextContents()).toEqual([
      expect.stringContaining(workshopTitle),
    ]);
    expect(await page.getByTestId("ambassador-badge").count()).toBe(0);

    await Promise.all([
      page.waitForURL(`${app.base}/workshops/how-social-networks-work`),
      banner.getByRole("link", { name: "Empezar la formación" }).click(),
    ]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(workshopTitle);
    expect(await page.getByText(`0 de ${lessonCount} lecciones hechas`).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: /#McDStories/ }).isVisible()).toBe(true);

    for (let n = 1; n <= lessonCount; n++) {
      await page.getByRole("button", { name: `Marcar la lección ${n} como hecha` }).click();
      await expect.poll(() => page.getByText(`${n} de ${lessonCount} lecciones hechas`).isVisible()).toBe(true);
    }

    // The browser-side check stops a quiz with unanswered questions.
    const quizSection = page.locator("#quiz");
    await quizSection.getByRole("button", { name: "Enviar respuestas" }).click();
    await expect.poll(() => quizSection.getByRole("alert").first().textContent()).toBe("Responde a esta pregunta.");
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toMatch(/"correct"/);

    for (const [i, question] of quiz.entries()) {
      const group = quizSection.getByRole("group", { name: `${i + 1}. ${question.question}` });
      for (const option of question.options.filter((o) => o.correct)) await group.getByLabel(option.text, { exact: true }).check();
    }
    // The last step of onboarding: the home greets the new ambassador and asks for follower counts.
    await Promise.all([page.waitForURL(`${app.base}/`), quizSection.getByRole("button", { name: "Enviar respuestas" }).click()]);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Ya eres embajador certificado");
    await expect.poll(() => page.getByTestId("follower-question").isVisible()).toBe(true);
    await page.goto(`${app.base}/workshops/how-social-networks-work`);
    await expect.poll(() => page.getByTestId("workshop-completed").isVisible()).toBe(true);

    await Promise.all([
      page.waitForURL(`${app.base}/workshops/how-social-networks-work/certificate`),
      page.getByTestId("workshop-completed").getByRole("link", { name: "Certificado" }).click(),
    ]);
    expect(await page.getByTestId("certificate").textContent()).toContain("Wanda Trabajadora");

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Inicio", exact: true }).click();
    await page.waitForURL(`${app.base}/`);
    await expect.poll(() => page.getByTestId("ambassador-badge").isVisible()).toBe(true);
    expect(await page.getByTestId("ambassador-badge").textContent()).toBe("Embajador certificado");
    expect(await page.getByTestId("ambassador-badge-shell").isVisible()).toBe(true);
    expect(await page.getByTestId("onboarding-gate").count()).toBe(0);

    const completions = await app.db.selectFrom("workshop_completions").select(["workshop_id", "method"]).execute();
    expect(completions).toHaveLength(2);
    const ledger = await app.db.selectFrom("points_ledger").select("action").where("action", "=", "workshop_completed").execute();
    expect(ledger).toHaveLength(2);
    expect(errors).toEqual([]);
    expect(consoleProblems).toEqual([]);
    await context.close();
  });

  it("an editor saves a draft (publishing refused while the translations differ) and discards it; HR schedules a live session and reads the onboarding dashboard", async () => {
    const { page, context, errors } = await app.newPage();
    const editorConsole = consoleErrors(page);
    await logIn(page, app.base, EDITOR, PASSWORD);
    await page.goto(`${app.base}/manage/workshops`);
    await Promise.all([
      page.waitForURL(`${app.base}/manage/workshops/customer-conversations`),
      page.getByRole("link", { name: "Conversaciones y quejas de clientes" }).click(),
    ]);
    await Promise.all([page.waitForURL(/\/edit\?lang=es$/), page.getByRole("link", { name: "Editar el texto en español" }).click()]);
    // A half-filled quiz slot is caught in the browser.
    const slots = page.locator("fieldset.workshop-slot");
    const lastQuestion = slots.last();
    await lastQuestion.getByLabel("Pregunta", { exact: true }).fill("¿Una pregunta nueva?");
    await page.getByRole("button", { name: "Guardar el borrador" }).click();
    await expect.poll(() => lastQuestion.getByRole("alert").textContent()).toBe("Una pregunta necesita al menos dos opciones.");
    await lastQuestion.getByLabel("Opciones").fill("[x] Sí\n[ ] No");
    await Promise.all([
      page.waitForURL(`${app.base}/manage/workshops/customer-conversations`),
      page.getByRole("button", { name: "Guardar el borrador" }).click(),
    ]);
    await expect.poll(() => page.getByRole("heading", { name: "Borrador (versión 2)" }).isVisible()).toBe(true);
    // The Spanish draft now has one question more than the English text: publishing is refused until it matches.
    expect(await page.getByText(/Las traducciones no coinciden/).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Descartar el borrador" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Sin borrador" }).isVisible()).toBe(true);
    await context.close();

    const hr = await app.newPage();
    const hrConsole = consoleErrors(hr.page);
    await logIn(hr.page, app.base, HR, PASSWORD);
    await hr.page.goto(`${app.base}/manage/workshops/how-social-networks-work/sessions`);
    await hr.page.getByLabel("Fecha y hora").fill("2099-03-02T10:00");
    await hr.page.getByLabel("Lugar", { exact: true }).fill("Sala Ágora, Madrid");
    await hr.page.getByLabel("Plazas").fill("8");
    await hr.page.getByRole("button", { name: "Crear la sesión" }).click();
    await expect.poll(() => hr.page.getByRole("status").textContent()).toContain("Sesión creada.");
    expect(await hr.page.getByText("0 de 8 plazas ocupadas").isVisible()).toBe(true);

    await hr.page.goto(`${app.base}/hr/onboarding?from=2026-02-30`);
    await expect.poll(() => hr.page.getByRole("alert").first().textContent()).toBe("Escribe las fechas como AAAA-MM-DD.");
    await hr.page.goto(`${app.base}/hr/onboarding`);
    const funnel = hr.page.getByTestId("onboarding-funnel");
    await expect.poll(() => funnel.isVisible()).toBe(true);
    // Three people hold the employee role; Wanda became the one certified ambassador in the first test.
    const cell = async (n: number) => (await funnel.locator("tfoot td").nth(n).textContent())?.replace(/\s+/g, " ");
    expect(await cell(0)).toBe("3 (100 %)");
    expect(await cell(5)).toBe("1 (33 %)");
    expect([...hr.errors, ...hrConsole]).toEqual([]);
    expect(errors).toEqual([]);
    expect(editorConsole).toEqual([]);
    expect(hrConsole).toEqual([]);
    await hr.context.close();
  });
});
