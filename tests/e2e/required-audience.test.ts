// End to end in Chromium against the built app: an editor says who a required guideline is required of
// (a department and a programme wave, with JavaScript) and who a required workshop is (without JavaScript,
// at a phone's width), and sees the choice saved. Needs `npx remix build` first and /usr/bin/chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohort } from "~/models/cohorts/cohorts.server";
import { createDocument } from "~/models/guidelines/documents.server";
import { insertVersion } from "~/models/guidelines/versions.server";
import { requiredAudience } from "~/models/onboarding/audience-writes.server";
import { createDepartment } from "~/models/people/departments.server";
import { insertUser } from "~/models/people/users.server";
import { insertVersion as insertWorkshopVersion } from "~/models/workshops/versions.server";
import { createWorkshop } from "~/models/workshops/workshops.server";
import type { DB } from "~/utils/db.server";
import { sampleText as sampleGuideline } from "../guidelines/helpers";
import { sampleText as sampleWorkshop, SETTINGS } from "../workshops/helpers";
import { axeViolations } from "./support/axe";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e audience password";
const EDITOR = "edita.e2e@example.com";
const DAY = 86_400_000;

let app: E2eApp;
const ids = { guideline: "", workshop: "", care: "", sales: "", wave: "" };

async function arrange(db: DB) {
  const editor = await insertUser(db, {
    email: EDITOR,
    name: "Edita Editora",
    departmentId: null,
    roles: ["editor", "employee"],
    status: "active",
    password: PASSWORD,
    locale: "es",
  });
  for (const [key, name] of [
    ["sales", "Ventas"],
    ["care", "Atención al cliente"],
  ] as const) {
    const created = await createDepartment(db, name);
    if (!created.ok) throw new Error(name);
    ids[key] = created.id;
  }
  const wave = await createCohort(db, editor, {
    name: "Ola 1 — piloto",
    startsAt: Date.now() - DAY,
    endsAt: Date.now() + 28 * DAY,
    goalParticipation: null,
    goalShares: null,
    goalUniqueClicks: null,
    departmentIds: [],
    emails: EDITOR,
  });
  if (!wave.ok) throw new Error(wave.error);
  ids.wave = wave.id;
  const document = await createDocument(db, { slug: "decalogo", required: true, actorId: null });
  if (!document.ok) throw new Error("could not create the guideline");
  ids.guideline = document.id;
  await db.transaction().execute((trx) =>
    insertVersion(trx, {
      documentId: document.id,
      texts: { es: sampleGuideline({ title: "Decálogo de redes" }) },
      status: "published",
      source: "sync",
      actorId: null,
      now: Date.now(),
    }),
  );
  const workshop = await createWorkshop(db, { slug: "taller-basico", actorId: null });
  if (!workshop.ok) throw new Error("could not create the workshop");
  ids.workshop = workshop.id;
  await db.transaction().execute((trx) =>
    insertWorkshopVersion(trx, {
      workshopId: workshop.id,
      settings: SETTINGS,
      texts: { es: sampleWorkshop("es") },
      status: "published",
      source: "editor",
      actorId: null,
      now: Date.now(),
    }),
  );
}

beforeAll(async () => {
  app = await startE2eApp("required-audience", arrange);
});

afterAll(async () => {
  await app?.stop();
});

describe("who a required guideline or workshop is required of, in Chromium", () => {
  it("with JavaScript, an editor requires the guideline of a department and a wave and sees it saved", async () => {
    const { context, page, errors, consoleErrors } = await app.newPage({ locale: "es-ES" });
    await logIn(page, app.base, EDITOR, PASSWORD);
    await page.goto(`${app.base}/manage/guidelines/decalogo`);
    const section = page.getByRole("region", { name: "A quién se exige" });
    await section.getByText("Se exige a todo el mundo.", { exact: true }).waitFor();
    await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));

    await section.getByRole("group", { name: "Departamentos" }).getByLabel("Ventas").check();
    await section.getByRole("group", { name: "Olas del programa" }).getByLabel("Ola 1 — piloto").check();
    await section.getByRole("button", { name: "Guardar a quién se exige" }).click();
    await section.getByText("Se exige a: Ventas y Ola 1 — piloto.", { exact: true }).waitFor();
    await page.getByText("Guardado a quién se exige.").waitFor();
    expect(await requiredAudience(app.db, "guideline", ids.guideline)).toEqual({ departmentIds: [ids.sales], cohortIds: [ids.wave] });

    // Reloaded, the boxes show the saved choice.
    await page.reload();
    expect(await section.getByLabel("Ventas").isChecked()).toBe(true);
    expect(await section.getByLabel("Atención al cliente").isChecked()).toBe(false);
    expect(await section.getByLabel("Ola 1 — piloto").isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // The coverage page says whom it counts.
    await page.goto(`${app.base}/manage/guidelines/decalogo/coverage`);
    await page.getByText("Se exige a: Ventas y Ola 1 — piloto.", { exact: true }).waitFor();
    expect(errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("without JavaScript, at 390 px, an editor requires the workshop of one department, then of everyone again", async () => {
    const { context, page } = await app.newPage({ locale: "es-ES", javaScriptEnabled: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, app.base, EDITOR, PASSWORD);
    await page.goto(`${app.base}/manage/workshops/taller-basico`);
    const section = page.getByRole("region", { name: "A quién se exige" });
    await section.getByText("Se exige a todo el mundo.", { exact: true }).waitFor();
    await section.getByLabel("Atención al cliente").check();
    await Promise.all([
      page.waitForURL(`${app.base}/manage/workshops/taller-basico`),
      section.getByRole("button", { name: "Guardar a quién se exige" }).click(),
    ]);
    await section.getByText("Se exige a: Atención al cliente.", { exact: true }).waitFor();
    expect(await requiredAudience(app.db, "workshop", ids.workshop)).toEqual({ departmentIds: [ids.care], cohortIds: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const button = await section.getByRole("button", { name: "Guardar a quién se exige" }).boundingBox();
    expect(button && button.x + button.width).toBeLessThanOrEqual(390);

    await section.getByLabel("Atención al cliente").uncheck();
    await section.getByRole("button", { name: "Guardar a quién se exige" }).click();
    await section.getByText("Se exige a todo el mundo.", { exact: true }).waitFor();
    expect(await requiredAudience(app.db, "workshop", ids.workshop)).toEqual({ departmentIds: [], cohortIds: [] });
    await context.close();
  });
});
