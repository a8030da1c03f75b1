// A known organisation: exact coverage by department, the pending list, the CSV export and reminders.
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { coverageByDepartment, coverageCsv, coverageRows, pendingPeople } from "~/models/guidelines/coverage.server";
import { documentsOverview } from "~/models/guidelines/overview.server";
import {
  getReminderIntervalDays,
  reminderState,
  sendGuidelineReminders,
  setReminderIntervalDays,
} from "~/models/guidelines/reminders.server";
import { setDocumentRequired } from "~/models/guidelines/documents.server";
import { setRequiredAudience } from "~/models/onboarding/audience-writes.server";
import { deactivateUser } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { createTestCohort } from "../cohorts/helpers";
import { createTestDepartment, createTestUser } from "../support/http";
import { createGuideline, publishNewVersion, sampleText, textHashOf } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;
const people: Record<string, { id: string; email: string }> = {};
const departments: Record<string, string> = {};
let documentId: string;
let v1: string;
let v2: string;

async function acknowledge(name: string, versionId: string, at = Date.UTC(2026, 10, 10, 9)) {
  const result = await acknowledgeGuideline(db, {
    userId: people[name].id,
    versionId,
    language: "es",
    textHash: await textHashOf(versionId, "es"),
    now: at,
  });
  if (!result.ok) throw new Error(result.error);
}

beforeAll(async () => {
  departments.care = await createTestDepartment("Atención al cliente");
  departments.sales = await createTestDepartment("Ventas");
  departments.tech = await createTestDepartment("Tecnología");
  const staff: [string, string | null, string[]][] = [
    ["Ana", departments.care, ["employee"]],
    ["Andrés", departments.care, ["employee"]],
    ["Aurora", departments.care, ["employee", "editor"]],
    ["Axel", departments.care, ["employee"]],
    ["Beatriz", departments.sales, ["employee"]],
    ["Blanca", departments.sales, ["employee"]],
    ["Bruno", departments.sales, ["employee"]],
    ["Carla", departments.tech, ["employee"]],
    ["César", departments.tech, ["employee"]],
    ['=HYPERLINK("https://evil.example")', null, ["employee"]],
    // Not counted: no employee role, or no longer active.
    ["Elena Editora", departments.care, ["editor"]],
    ["Diego Dado de baja", departments.sales, ["employee"]],
  ];
  for (const [name, departmentId, roles] of staff) {
    people[name] = await createTestUser({ name, departmentId, roles: roles as ("employee" | "editor")[] });
  }
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", people.Carla.id).execute();
  const g = await createGuideline({
    texts: { es: sampleText({ title: "Decálogo" }), en: sampleText({ title: "Decalogue" }, "en") },
    now: Date.UTC(2026, 9, 1),
  });
  documentId = g.documentId;
  v1 = g.versionId;
  for (const name of ["Ana", "Andrés", "Aurora", "Axel", "Beatriz"]) await acknowledge(name, v1);
  v2 = (await publishNewVersion(documentId, sampleText({ title: "Decálogo v2" }), Date.UTC(2026, 10, 1))).versionId;
  for (const name of ["Ana", "Andrés", "Aurora", "Beatriz", '=HYPERLINK("https://evil.example")', "Elena Editora", "Diego Dado de baja"]) {
    await acknowledge(name, v2, Date.UTC(2026, 10, 12, 8, 15));
  }
  expect(await deactivateUser(db, people["Diego Dado de baja"].id)).toEqual({ ok: true });
});

describe("coverage", () => {
  it("counts active employees per department, with exact percentages, for the current version", async () => {
    expect(await coverageByDepartment(db, documentId, v2)).toEqual({
      total: 10,
      acknowledged: 5,
      pending: 5,
      percent: 50,
      departments: [
        { departmentId: departments.care, name: "Atención al cliente", total: 4, acknowledged: 3, percent: 75 },
        { departmentId: departments.tech, name: "Tecnología", total: 2, acknowledged: 0, percent: 0 },
        { departmentId: departments.sales, name: "Ventas", total: 3, acknowledged: 1, percent: 33.3 },
        { departmentId: null, name: null, total: 1, acknowledged: 1, percent: 100 },
      ],
    });
  });

  it("counts an earlier version on its own", async () => {
    const coverage = await coverageByDepartment(db, documentId, v1);
    expect([coverage.acknowledged, coverage.total, coverage.percent]).toEqual([5, 10, 50]);
    expect(coverage.departments.map((d) => [d.name, d.acknowledged, d.total, d.percent])).toEqual([
      ["Atención al cliente", 4, 4, 100],
      ["Tecnología", 0, 2, 0],
      ["Ventas", 1, 3, 33.3],
      [null, 0, 1, 0],
    ]);
  });

  it("lists who is pending, by name, with the last version they accepted; filtered by department", async () => {
    const pending = await pendingPeople(db, { documentId, versionId: v2 });
    expect(pending.map((p) => [p.name, p.department, p.lastVersion])).toEqual([
      ["Axel", "Atención al cliente", 1],
      ["Blanca", "Ventas", null],
      ["Bruno", "Ventas", null],
      ["Carla", "Tecnología", null],
      ["César", "Tecnología", null],
    ]);
    expect((await pendingPeople(db, { documentId, versionId: v2, departmentId: departments.sales })).map((p) => p.name)).toEqual([
      "Blanca",
      "Bruno",
    ]);
    expect(await pendingPeople(db, { documentId, versionId: v2, departmentId: "none" })).toEqual([]);
    expect((await pendingPeople(db, { documentId, versionId: v1, departmentId: "none" })).map((p) => p.name)).toEqual([
      '=HYPERLINK("https://evil.example")',
    ]);
  });

  it("gives the overview its numbers", async () => {
    const overview = (await documentsOverview(db, "en")).find((d) => d.id === documentId);
    expect(overview).toMatchObject({
      title: "Decalogue",
      required: true,
      current: { version: 2 },
      draft: null,
      coverage: { acknowledged: 5, total: 10, percent: 50 },
    });
  });
});

describe("CSV export", () => {
  it("has a row per active employee with status and time in the organisation's zone, and neutralises formulas", async () => {
    const csv = coverageCsv(await coverageRows(db, documentId, v2), getFixedT("en"), "Europe/Madrid", 2);
    const parsed = Papa.parse<string[]>(csv.trim());
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(["Name", "Email", "Department", "Status", "Accepted on", "Language", "Last version accepted", "Last reminder"]);
    expect(rows).toHaveLength(10);
    const byEmail = new Map(rows.map((r) => [r[1], r]));
    expect(byEmail.get(people.Ana.email)).toEqual([
      "Ana",
      people.Ana.email,
      "Atención al cliente",
      "Accepted (version 2)",
      "2026-11-12 09:15",
      "es",
      "2",
      "",
    ]);
    expect(byEmail.get(people.Axel.email)).toEqual(["Axel", people.Axel.email, "Atención al cliente", "Pending", "", "", "1", ""]);
    expect(byEmail.get(people.Carla.email)?.[3]).toBe("Pending");
    // A name starting with "=" would run as a formula in a spreadsheet: it gets a leading apostrophe.
    const evil = byEmail.get(people['=HYPERLINK("https://evil.example")'].email)!;
    expect(evil[0]).toBe(`'=HYPERLINK("https://evil.example")`);
    expect(evil[2]).toBe("");
    expect(byEmail.has(people["Elena Editora"].email)).toBe(false);
    expect(byEmail.has(people["Diego Dado de baja"].email)).toBe(false);
  });

  it("writes the headers in the reader's language", () => {
    const csv = coverageCsv([], getFixedT("es"), "Europe/Madrid", 1);
    expect(csv.split("\r\n")[0]).toBe(
      "Nombre,Correo electrónico,Departamento,Estado,Fecha de aceptación,Idioma,Última versión aceptada,Último recordatorio",
    );
  });
});

describe("reminders", () => {
  const outboxTo = async (since: number) =>
    db.selectFrom("outbox").select(["to_address", "subject", "text_body"]).where("created_at", ">=", since).orderBy("to_address").execute();

  it("mails each pending employee in their language, then refuses until the interval has passed", async () => {
    expect(await getReminderIntervalDays(db)).toBe(7);
    const start = Date.now();
    const t0 = Date.UTC(2026, 10, 20, 10);
    expect(await reminderState(db, documentId, t0)).toEqual({ intervalDays: 7, lastSentAt: null, nextAllowedAt: null });
    expect(
      await sendGuidelineReminders(db, { documentId, actorId: people["Elena Editora"].id, origin: "https://altavoz.example", now: t0 }),
    ).toEqual({ ok: true, sent: 5 });

    const mails = await outboxTo(start);
    expect(mails.map((m) => m.to_address).sort()).toEqual(["Axel", "Blanca", "Bruno", "Carla", "César"].map((n) => people[n].email).sort());
    const carla = mails.find((m) => m.to_address === people.Carla.email)!;
    expect(carla.subject).toBe("Pending: read and accept “Decalogue”");
    expect(carla.text_body).toContain("https://altavoz.example/guidelines/");
    const bruno = mails.find((m) => m.to_address === people.Bruno.email)!;
    expect(bruno.subject).toBe("Pendiente: lee y acepta «Decálogo v2»");
    expect(bruno.text_body).toContain("Antes de poder compartir contenidos");

    const logged = await db
      .selectFrom("guideline_reminders")
      .select(["user_id", "version_id", "sent_at"])
      .where("document_id", "=", documentId)
      .execute();
    expect(logged).toHaveLength(5);
    expect(new Set(logged.map((r) => r.version_id))).toEqual(new Set([v2]));
    expect((await pendingPeople(db, { documentId, versionId: v2 })).every((p) => p.lastRemindedAt === t0)).toBe(true);

    const tooSoon = await sendGuidelineReminders(db, { documentId, actorId: null, origin: "https://altavoz.example", now: t0 + DAY });
    expect(tooSoon).toEqual({ ok: false, error: "guidelines.errors.reminderTooSoon", nextAllowedAt: t0 + 7 * DAY });
    expect(await outboxTo(start)).toHaveLength(5);

    await setReminderIntervalDays(db, 1);
    expect(await reminderState(db, documentId, t0 + DAY - 1)).toMatchObject({ intervalDays: 1, nextAllowedAt: t0 + DAY });
    expect(await sendGuidelineReminders(db, { documentId, actorId: null, origin: "https://altavoz.example", now: t0 + DAY })).toEqual({
      ok: true,
      sent: 5,
    });
    expect(await outboxTo(start)).toHaveLength(10);
    await setReminderIntervalDays(db, 7);
  });

  it("sends nothing for a document that was never published", async () => {
    const draft = await createGuideline({ publish: false });
    expect(await sendGuidelineReminders(db, { documentId: draft.documentId, actorId: null, origin: "https://altavoz.example" })).toEqual({
      ok: false,
      error: "guidelines.errors.noPublishedVersion",
    });
  });
});

describe("a document required of some departments and cohorts", () => {
  it("counts, lists, exports and reminds only its audience while it is required, and everyone once optional", async () => {
    const g = await createGuideline({ texts: { es: sampleText({ title: "Guía de ventas" }) }, now: Date.UTC(2026, 10, 2) });
    const wave = await createTestCohort(people.Aurora.id, [people.Carla.email], Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1));
    // A second wave of one listed person and the Tecnología department: César is in it through his department.
    const techWave = await createTestCohort(people.Aurora.id, [people.Bruno.email], Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1));
    await db.insertInto("cohort_departments").values({ cohort_id: techWave, department_id: departments.tech }).execute();
    const chosen = await setRequiredAudience(db, {
      kind: "guideline",
      subjectId: g.documentId,
      departmentIds: [departments.sales],
      cohortIds: [wave, techWave],
    });
    expect(chosen.ok).toBe(true);
    for (const name of ["Beatriz", "Ana"]) await acknowledge(name, g.versionId);

    // Ventas (Beatriz, Blanca, Bruno), the wave's Carla and the other wave's César; Ana accepted it but is not asked to.
    const coverage = await coverageByDepartment(db, g.documentId, g.versionId);
    expect([coverage.total, coverage.acknowledged, coverage.pending, coverage.percent]).toEqual([5, 1, 4, 20]);
    expect(coverage.departments.map((d) => [d.name, d.total, d.acknowledged])).toEqual([
      ["Tecnología", 2, 0],
      ["Ventas", 3, 1],
    ]);
    expect((await pendingPeople(db, { documentId: g.documentId, versionId: g.versionId })).map((p) => p.name)).toEqual([
      "Blanca",
      "Bruno",
      "Carla",
      "César",
    ]);
    expect((await coverageRows(db, g.documentId, g.versionId)).map((r) => r.name)).toEqual([
      "Beatriz",
      "Blanca",
      "Bruno",
      "Carla",
      "César",
    ]);
    expect((await documentsOverview(db, "es")).find((d) => d.id === g.documentId)?.coverage).toEqual({
      acknowledged: 1,
      total: 5,
      percent: 20,
    });
    // The first document keeps counting everyone.
    expect((await documentsOverview(db, "es")).find((d) => d.id === documentId)?.coverage).toMatchObject({ total: 10 });
    expect(await sendGuidelineReminders(db, { documentId: g.documentId, actorId: null, origin: "https://altavoz.example" })).toEqual({
      ok: true,
      sent: 4,
    });

    await setDocumentRequired(db, g.documentId, false);
    const optional = await coverageByDepartment(db, g.documentId, g.versionId);
    expect([optional.total, optional.acknowledged]).toEqual([10, 2]);
    expect((await documentsOverview(db, "es")).find((d) => d.id === g.documentId)?.coverage).toEqual({
      acknowledged: 2,
      total: 10,
      percent: 20,
    });
  });
});
