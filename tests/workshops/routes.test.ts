import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getWorkshopBySlug, listVersions, loadTexts } from "~/models/workshops/workshops.server";
import { createSession } from "~/models/workshops/sessions.server";
import * as home from "~/routes/_index";
import * as list from "~/routes/workshops._index";
import * as reading from "~/routes/workshops.$slug._index";
import * as certificate from "~/routes/workshops.$slug.certificate";
import * as manageList from "~/routes/manage.workshops._index";
import * as manageWorkshop from "~/routes/manage.workshops.$slug._index";
import * as editPage from "~/routes/manage.workshops.$slug.edit";
import * as sessionsPage from "~/routes/manage.workshops.$slug.sessions";
import * as dashboard from "~/routes/hr.onboarding";
import * as dashboardCsv from "~/routes/hr.onboarding[.csv]";
import { db } from "~/utils/db.server";
import { readToast } from "~/utils/toast.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { createTestWorkshop, onlyTheseRequired, RIGHT_ANSWERS, sampleText } from "./helpers";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";

let editor: TestUser;
let hr: TestUser;

beforeAll(async () => {
  editor = await createTestUser({ roles: ["editor", "employee"] });
  hr = await createTestUser({ roles: ["hr", "employee"] });
});

async function toastOf(response: Response) {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return (await readToast(new Request("http://altavoz.test/", { headers: { Cookie: cookie } }))).toast;
}

const quizFields = (versionId: string, answers: number[][], language = "es") => {
  const fields: Record<string, string | string[]> = { intent: "quiz", versionId, language };
  answers.forEach((chosen, i) => (fields[`answers.${i}`] = chosen.map(String)));
  return fields;
};

describe("the employee's workshop page", () => {
  it("sends the quiz without any sign of which answers are right", async () => {
    const w = await createTestWorkshop();
    const person = await createTestUser();
    const response = await call(reading.loader, getRequest(`/workshops/${w.slug}`, { cookie: person.cookie }), { slug: w.slug });
    expect(response.status).toBe(200);
    const body = await response.text();
    const data = JSON.parse(body);
    expect(data.text.quiz[1]).toEqual({ question: "Pregunta 2", kind: "multiple", options: ["a", "b", "c", "d"] });
    expect(body).not.toMatch(/correct/i);
    expect(body).not.toMatch(/"(true|false)"/);
    for (const q of data.text.quiz) expect(Object.keys(q).sort()).toEqual(["kind", "options", "question"]);
    expect(JSON.stringify(data.quiz)).not.toMatch(/right|answer/i);
  });

  it("renders lessons in the reader's language, sanitised, with images allowed", async () => {
    const w = await createTestWorkshop({
      texts: {
        es: sampleText("es", {
          lessons: [
            {
              title: "Una",
              body: "![gráfico](https://example.com/g.png) [vídeo](https://www.youtube.com/watch?v=x) <script>alert(1)</script>",
            },
            { title: "Dos", body: "Texto." },
          ],
        }),
        en: sampleText("en", {
          lessons: [
            { title: "One", body: "Text." },
            { title: "Two", body: "Text." },
          ],
        }),
      },
    });
    const person = await createTestUser();
    const es = await jsonOf(await call(reading.loader, getRequest(`/workshops/${w.slug}`, { cookie: person.cookie }), { slug: w.slug }));
    expect(es.text.lessons[0].bodyHtml).toContain('<img src="https://example.com/g.png" alt="gráfico" loading="lazy" />');
    expect(es.text.lessons[0].bodyHtml).toContain('href="https://www.youtube.com/watch?v=x"');
    expect(es.text.lessons[0].bodyHtml).not.toContain("<script");
    const en = await jsonOf(
      await call(reading.loader, getRequest(`/workshops/${w.slug}`, { cookie: person.cookie, headers: { "Accept-Language": "en" } }), {
        slug: w.slug,
      }),
    );
    expect(en.text.title).toBe("Test workshop");
    expect(en.version.language).toBe("en");
  });

  it("marks lessons, scores the quiz on the server, enforces attempts and completes once", async () => {
    const w = await createTestWorkshop({ settings: { maxAttempts: 2, passMark: 100 } });
    const person = await createTestUser();
    const post = (fields: Record<string, string | string[]>) =>
      call(reading.action, postRequest(`/workshops/${w.slug}`, fields, { cookie: person.cookie }), { slug: w.slug });

    // An unanswered question: a translated error, no attempt used.
    const missing = await post(quizFields(w.versionId, [[1], [0, 2]]));
    expect(missing.status).toBe(400);
    const missingErrors = (await jsonOf(missing)).errors;
    expect(missingErrors["answers.2"]).toBe("workshops.errors.answerQuestion");
    expectTranslated(missingErrors["answers.2"]);

    let response = await post(quizFields(w.versionId, [[1], [0], [0]]));
    expect(response.status).toBe(302);
    expect(await toastOf(response)).toMatchObject({ message: "workshops.toasts.quizFailed", values: { score: 66, left: 1 } });

    expect((await post({ intent: "lesson", lesson: "1" })).status).toBe(302);
    expect((await post({ intent: "lesson", lesson: "9" })).status).toBe(400);
    response = await post({ intent: "lesson", lesson: "2" });
    expect(await toastOf(response)).toMatchObject({ message: "workshops.toasts.lessonDone" });

    response = await post(quizFields(w.versionId, RIGHT_ANSWERS));
    expect(await toastOf(response)).toMatchObject({ message: "workshops.toasts.quizPassedCompleted", values: { score: 100 } });
    const refused = await post(quizFields(w.versionId, RIGHT_ANSWERS));
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors[""]).toBe("workshops.errors.alreadyPassed");

    const view = await jsonOf(await call(reading.loader, getRequest(`/workshops/${w.slug}`, { cookie: person.cookie }), { slug: w.slug }));
    expect(view.progress).toMatchObject({ completed: true, completedBy: "quiz", lessonsDone: [1, 2] });
    expect(view.quiz).toMatchObject({ attemptsUsed: 2, passed: true, canSubmit: false });
    const ledger = await db
      .selectFrom("points_ledger")
      .selectAll()
      .where("user_id", "=", person.id)
      .where("action", "=", "workshop_completed")
      .execute();
    expect(ledger).toHaveLength(1);

    const cert = await call(certificate.loader, getRequest(`/workshops/${w.slug}/certificate`, { cookie: person.cookie }), {
      slug: w.slug,
    });
    expect(cert.status).toBe(200);
    expect(await jsonOf(cert)).toMatchObject({ title: "Taller de prueba", method: "quiz" });
  });

  it("refuses the certificate before completion, and registers for a live session", async () => {
    const w = await createTestWorkshop();
    const person = await createTestUser();
    const cert = await call(certificate.loader, getRequest(`/workshops/${w.slug}/certificate`, { cookie: person.cookie }), {
      slug: w.slug,
    });
    expect(cert.status).toBe(302);
    expect(cert.headers.get("Location")).toBe(`/workshops/${w.slug}`);
    const sessionId = await createSession(db, {
      workshopId: w.workshopId,
      startsAt: Date.now() + 86_400_000,
      durationMinutes: 60,
      mode: "online",
      place: null,
      onlineUrl: "https://meet.example.com/abc",
      capacity: 1,
      actorId: null,
    });
    let view = await jsonOf(await call(reading.loader, getRequest(`/workshops/${w.slug}`, { cookie: person.cookie }), { slug: w.slug }));
    expect(view.sessions[0]).toMatchObject({ id: sessionId, registered: false, onlineUrl: null, seatsLeft: 1 });
    const registered = await call(
      reading.action,
      postRequest(`/workshops/${w.slug}`, { intent: "register", sessionId }, { cookie: person.cookie }),
      { slug: w.slug },
    );
    expect(registered.status).toBe(302);
    view = await jsonOf(await call(reading.loader, getRequest(`/workshops/${w.slug}`, { cookie: person.cookie }), { slug: w.slug }));
    expect(view.sessions[0]).toMatchObject({ registered: true, onlineUrl: "https://meet.example.com/abc", seatsLeft: 0 });
    const other = await createTestUser();
    const full = await call(
      reading.action,
      postRequest(`/workshops/${w.slug}`, { intent: "register", sessionId }, { cookie: other.cookie }),
      { slug: w.slug },
    );
    expect(full.status).toBe(400);
    expect((await jsonOf(full)).errors[""]).toBe("workshops.errors.sessionFull");
    const foreign = await call(
      reading.action,
      postRequest(`/workshops/${w.slug}`, { intent: "register", sessionId: "nope" }, { cookie: other.cookie }),
      { slug: w.slug },
    );
    expect(foreign.status).toBe(404);
  });

  it("lists workshops with status, and the home page shows pending workshops then the ambassador badge", async () => {
    const w = await createTestWorkshop({ settings: { required: true, dueDays: 10 } });
    await onlyTheseRequired([w.workshopId]);
    await db.updateTable("guideline_documents").set({ required: 0 }).execute();
    const person = await createTestUser();
    const listed = await jsonOf(await call(list.loader, getRequest("/workshops", { cookie: person.cookie })));
    expect(listed.workshops.find((x: { slug: string }) => x.slug === w.slug)).toMatchObject({
      status: "not_started",
      required: true,
      lessons: 2,
      lessonsDone: 0,
      overdue: false,
    });
    let start = await jsonOf(await call(home.loader, getRequest("/", { cookie: person.cookie })));
    expect(start).toMatchObject({ ambassador: false, state: "not_started" });
    expect(start.pendingWorkshops.map((x: { slug: string }) => x.slug)).toEqual([w.slug]);
    for (const lesson of ["1", "2"])
      await call(reading.action, postRequest(`/workshops/${w.slug}`, { intent: "lesson", lesson }, { cookie: person.cookie }), {
        slug: w.slug,
      });
    await call(reading.action, postRequest(`/workshops/${w.slug}`, quizFields(w.versionId, RIGHT_ANSWERS), { cookie: person.cookie }), {
      slug: w.slug,
    });
    start = await jsonOf(await call(home.loader, getRequest("/", { cookie: person.cookie })));
    expect(start).toMatchObject({ ambassador: true, state: "complete", pendingWorkshops: [], pendingGuidelines: [] });
  });
});

describe("editors' workshop pages", () => {
  it("creates a workshop, saves texts and settings into a draft, and publishes it", async () => {
    const created = await call(manageList.action, postRequest("/manage/workshops", { slug: "Bad Slug!" }, { cookie: editor.cookie }));
    expect(created.status).toBe(400);
    const slug = `taller-editor-${Date.now()}`;
    expect((await call(manageList.action, postRequest("/manage/workshops", { slug }, { cookie: editor.cookie }))).status).toBe(302);
    const text = sampleText("es");
    const fields: Record<string, string> = { language: "es", title: text.title, summary: text.summary, introduction: text.introduction };
    text.lessons.forEach((l, i) => Object.assign(fields, { [`lessons.${i}.title`]: l.title, [`lessons.${i}.body`]: l.body }));
    fields["lessons.2.title"] = "";
    fields["lessons.2.body"] = "";
    Object.assign(fields, { "caseStudies.0.title": "Caso", "caseStudies.0.outcome": "failure", "caseStudies.0.body": "Qué pasó." });
    Object.assign(fields, { "quiz.0.question": "¿Una?", "quiz.0.kind": "single", "quiz.0.options": "[ ] No\n[x] Sí" });
    Object.assign(fields, { "quiz.1.question": "¿Dos?", "quiz.1.kind": "single", "quiz.1.options": "[x] A\n[x] B" });
    let response = await call(editPage.action, postRequest(`/manage/workshops/${slug}/edit`, fields, { cookie: editor.cookie }), { slug });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors["quiz.1.options"]).toBe("workshops.errors.singleNeedsOne");
    Object.assign(fields, { "quiz.1.options": "[x] A\n[x] B\n[ ] C", "quiz.1.kind": "multiple" });
    response = await call(editPage.action, postRequest(`/manage/workshops/${slug}/edit`, fields, { cookie: editor.cookie }), { slug });
    expect(response.status).toBe(302);
    const workshop = (await getWorkshopBySlug(db, slug))!;
    let versions = await listVersions(db, workshop.id);
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "draft"]]);
    const stored = (await loadTexts(db, [versions[0].id])).get(versions[0].id)!.es!;
    expect(stored.lessons).toHaveLength(2);
    expect(stored.caseStudies).toEqual([{ title: "Caso", outcome: "failure", body: "Qué pasó." }]);
    expect(stored.quiz[1]).toEqual({
      question: "¿Dos?",
      kind: "multiple",
      options: [
        { text: "A", correct: true },
        { text: "B", correct: true },
        { text: "C", correct: false },
      ],
    });

    const badSettings = await call(
      manageWorkshop.action,
      postRequest(
        `/manage/workshops/${slug}`,
        { intent: "settings", required: "on", dueDays: "", durationMinutes: "20", passMark: "101", maxAttempts: "" },
        { cookie: editor.cookie },
      ),
      { slug },
    );
    expect(badSettings.status).toBe(400);
    expect((await jsonOf(badSettings)).errors.passMark).toBe("workshops.errors.passMark");
    const noDue = await call(
      manageWorkshop.action,
      postRequest(
        `/manage/workshops/${slug}`,
        { intent: "settings", required: "on", dueDays: "", durationMinutes: "20", passMark: "80", maxAttempts: "" },
        { cookie: editor.cookie },
      ),
      { slug },
    );
    expect((await jsonOf(noDue)).errors.dueDays).toBe("workshops.errors.dueDaysRequired");
    const settings = await call(
      manageWorkshop.action,
      postRequest(
        `/manage/workshops/${slug}`,
        { intent: "settings", required: "on", dueDays: "14", durationMinutes: "20", passMark: "80", maxAttempts: "" },
        { cookie: editor.cookie },
      ),
      { slug },
    );
    expect(settings.status).toBe(302);
    expect(
      (
        await call(manageWorkshop.action, postRequest(`/manage/workshops/${slug}`, { intent: "publish" }, { cookie: editor.cookie }), {
          slug,
        })
      ).status,
    ).toBe(302);
    const row = await db.selectFrom("workshop_versions").selectAll().where("workshop_id", "=", workshop.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "published", required: 1, due_days: 14, pass_mark: 80, max_attempts: null, duration_minutes: 20 });

    // Editing the published workshop starts a new draft; the published version is untouched.
    fields.title = "Título nuevo";
    expect(
      (await call(editPage.action, postRequest(`/manage/workshops/${slug}/edit`, fields, { cookie: editor.cookie }), { slug })).status,
    ).toBe(302);
    versions = await listVersions(db, workshop.id);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "published"],
    ]);
    expect((await loadTexts(db, [versions[1].id])).get(versions[1].id)!.es!.title).toBe("Taller de prueba");
    // An English text with a different structure cannot be published.
    const en = { ...fields, language: "en", title: "English", "lessons.1.title": "", "lessons.1.body": "" };
    expect(
      (await call(editPage.action, postRequest(`/manage/workshops/${slug}/edit?lang=en`, en, { cookie: editor.cookie }), { slug })).status,
    ).toBe(302);
    const page = await jsonOf(
      await call(manageWorkshop.loader, getRequest(`/manage/workshops/${slug}`, { cookie: editor.cookie }), { slug }),
    );
    expect(page.draft.problem).toBe("workshops.errors.translationsDiffer");
    const publish = await call(
      manageWorkshop.action,
      postRequest(`/manage/workshops/${slug}`, { intent: "publish" }, { cookie: editor.cookie }),
      { slug },
    );
    expect((await jsonOf(publish)).errors[""]).toBe("workshops.errors.translationsDiffer");
  });

  it("lets HR schedule a session, refuses bad input, and marks attendance that completes the workshop", async () => {
    const w = await createTestWorkshop();
    const url = `/manage/workshops/${w.slug}/sessions`;
    const bad = await call(
      sessionsPage.action,
      postRequest(
        url,
        {
          intent: "create",
          startsAt: "2026-13-45T99:00",
          durationMinutes: "60",
          mode: "online",
          place: "",
          onlineUrl: "javascript:alert(1)",
          capacity: "0",
        },
        { cookie: hr.cookie },
      ),
      { slug: w.slug },
    );
    expect(bad.status).toBe(400);
    const errors = (await jsonOf(bad)).errors;
    expect(errors).toMatchObject({ onlineUrl: "workshops.errors.onlineUrl", capacity: "workshops.errors.capacity" });
    for (const key of Object.values(errors) as string[]) expectTranslated(key);
    const past = await call(
      sessionsPage.action,
      postRequest(
        url,
        {
          intent: "create",
          startsAt: "2020-01-01T10:00",
          durationMinutes: "60",
          mode: "in_person",
          place: "Sala 1",
          onlineUrl: "",
          capacity: "5",
        },
        { cookie: hr.cookie },
      ),
      { slug: w.slug },
    );
    expect((await jsonOf(past)).errors.startsAt).toBe("workshops.errors.startsInPast");
    const ok = await call(
      sessionsPage.action,
      postRequest(
        url,
        {
          intent: "create",
          startsAt: "2099-06-01T10:00",
          durationMinutes: "60",
          mode: "in_person",
          place: "Sala 1, Madrid",
          onlineUrl: "",
          capacity: "5",
        },
        { cookie: hr.cookie },
      ),
      { slug: w.slug },
    );
    expect(ok.status).toBe(302);
    const session = await db.selectFrom("workshop_sessions").selectAll().where("workshop_id", "=", w.workshopId).executeTakeFirstOrThrow();
    // 10:00 in Madrid in summer is 08:00 UTC.
    expect(session.starts_at).toBe(Date.UTC(2099, 5, 1, 8, 0));
    const person = await createTestUser();
    await call(
      reading.action,
      postRequest(`/workshops/${w.slug}`, { intent: "register", sessionId: session.id }, { cookie: person.cookie }),
      { slug: w.slug },
    );
    const early = await call(
      sessionsPage.action,
      postRequest(url, { intent: "attendance", sessionId: session.id, attended: person.id }, { cookie: hr.cookie }),
      { slug: w.slug },
    );
    expect((await jsonOf(early)).errors[""]).toBe("workshops.errors.sessionNotStarted");
    await db
      .updateTable("workshop_sessions")
      .set({ starts_at: Date.now() - 3_600_000 })
      .where("id", "=", session.id)
      .execute();
    const marked = await call(
      sessionsPage.action,
      postRequest(url, { intent: "attendance", sessionId: session.id, attended: person.id }, { cookie: hr.cookie }),
      { slug: w.slug },
    );
    expect(await toastOf(marked)).toMatchObject({ message: "workshops.toasts.attendanceSaved", values: { count: 1 } });
    const page = await jsonOf(await call(sessionsPage.loader, getRequest(url, { cookie: hr.cookie }), { slug: w.slug }));
    expect(page.sessions[0].roster).toEqual([expect.objectContaining({ id: person.id, attended: true })]);
  });
});

describe("HR onboarding dashboard pages", () => {
  it("answers bad query strings with a translated error, not a 500", async () => {
    for (const query of [
      "?from=2026-02-31",
      "?from=yesterday&to=%00",
      "?from=2026-05-10&to=2026-05-01",
      `?department=${"x".repeat(500)}`,
    ]) {
      const response = await call(dashboard.loader, getRequest(`/hr/onboarding${query}`, { cookie: hr.cookie }));
      expect(response.status).toBe(200);
      const data = await jsonOf(response);
      expect(data.filterError).toMatch(/^onboarding\.errors\./);
      expectTranslated(data.filterError);
      const csv = await call(dashboardCsv.loader, getRequest(`/hr/onboarding.csv${query}`, { cookie: hr.cookie }));
      expect(csv.status).toBe(400);
    }
  });

  it("shows the funnel, exports CSV and sends rate-limited reminders", async () => {
    const w = await createTestWorkshop({ settings: { required: true, dueDays: 1 } });
    const late = await createTestUser({ name: "Persona Tardía" });
    await db
      .updateTable("users")
      .set({ created_at: Date.now() - 10 * 86_400_000 })
      .where("id", "=", late.id)
      .execute();
    // The join date was written straight to users, past the writes that keep the onboarding progress.
    await refreshOnboardingProgress(db, [late.id]);
    const page = await jsonOf(await call(dashboard.loader, getRequest("/hr/onboarding", { cookie: hr.cookie })));
    expect(page.filterError).toBeNull();
    expect(page.workshops.map((x: { id: string }) => x.id)).toContain(w.workshopId);
    expect(page.overdue.map((p: { name: string }) => p.name)).toContain("Persona Tardía");
    const csv = await call(
      dashboardCsv.loader,
      getRequest("/hr/onboarding.csv", { cookie: hr.cookie, headers: { "Accept-Language": "en" } }),
    );
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await csv.text();
    expect(text).toContain("Persona Tardía");
    const first = await call(dashboard.action, postRequest("/hr/onboarding", { intent: "remind" }, { cookie: hr.cookie }));
    const toast = await toastOf(first);
    expect(toast?.message).toBe("onboarding.toasts.remindersSent");
    expect(Number(toast?.values?.sent)).toBeGreaterThan(0);
    const second = await toastOf(await call(dashboard.action, postRequest("/hr/onboarding", { intent: "remind" }, { cookie: hr.cookie })));
    expect(second?.values).toMatchObject({ sent: 0 });
    const interval = await call(
      dashboard.action,
      postRequest("/hr/onboarding", { intent: "interval", intervalDays: "500" }, { cookie: hr.cookie }),
    );
    expect((await jsonOf(interval)).errors.intervalDays).toBe("onboarding.errors.interval");
  });
});

describe("workshop translations", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = [
    ...fs
      .readdirSync(path.join(root, "app/routes"))
      .filter((f) => f.includes("workshops") || f.startsWith("hr.onboarding"))
      .map((f) => `app/routes/${f}`),
    ...["workshops", "onboarding"].flatMap((folder) =>
      fs.readdirSync(path.join(root, "app/models", folder)).map((f) => `app/models/${folder}/${f}`),
    ),
    "app/components/workshop.tsx",
    "app/components/onboarding-gate.tsx",
    "app/components/navigation.ts",
  ];
  it("has every key written literally in the feature's code, in Spanish and English", () => {
    const keys = new Set<string>();
    for (const file of files) {
      for (const match of fs.readFileSync(path.join(root, file), "utf8").matchAll(/"((?:workshops|onboarding)\.[A-Za-z0-9_.]+)"/g))
        keys.add(match[1]);
    }
    // Not translation keys: a file name and a settings key.
    keys.delete("onboarding.csv");
    keys.delete("onboarding.reminderIntervalDays");
    expect(keys.size).toBeGreaterThan(150);
    for (const key of keys) expectTranslated(key);
  });

  it("has every key built from a value", () => {
    for (const s of ["not_started", "in_progress", "complete", "overdue"]) expectTranslated(`onboarding.states.${s}`);
    for (const s of ["not_started", "in_progress", "completed", "overdue"]) expectTranslated(`workshops.status.${s}`);
    for (const s of ["draft", "published", "superseded"]) expectTranslated(`workshops.versionStatus.${s}`);
    for (const s of ["success", "failure"]) expectTranslated(`workshops.cases.${s}`);
    for (const s of ["in_person", "online"]) expectTranslated(`workshops.sessions.modes.${s}`);
    for (const s of ["es", "en"]) expectTranslated(`workshops.languageNames.${s}`);
    for (const s of ["rawHtml", "unsafeLink", "unsafeImage"]) expectTranslated(`workshops.errors.${s}`);
  });
});
