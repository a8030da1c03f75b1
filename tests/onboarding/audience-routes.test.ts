// Choosing who a required guideline or workshop is required of, through the editors' pages: the loaders
// offer the departments and waves with the saved choice, the actions save it (intent=audience) or refuse
// unknown ids with a translated error and change nothing; only editors, only from the app's own origin.
import { beforeAll, describe, expect, it } from "vitest";
import { setDocumentRequired } from "~/models/guidelines/documents.server";
import { requiredAudience } from "~/models/onboarding/audience-writes.server";
import type { AudienceKind } from "~/models/onboarding/audience.server";
import * as manageGuideline from "~/routes/manage.guidelines.$slug._index";
import * as manageWorkshop from "~/routes/manage.workshops.$slug._index";
import * as coverage from "~/routes/manage.guidelines.$slug.coverage";
import { db } from "~/utils/db.server";
import { createTestCohort } from "../cohorts/helpers";
import { createGuideline } from "../guidelines/helpers";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, setCookies, type TestUser } from "../support/http";
import { expectTranslated } from "../support/i18n";
import { createTestWorkshop } from "../workshops/helpers";

const DAY = 86_400_000;

let editor: TestUser;
let employee: TestUser;
let sales: string;
let care: string;
let wave: string;
let guideline: { documentId: string; slug: string };
let workshop: { workshopId: string; slug: string };

beforeAll(async () => {
  editor = await createTestUser({ roles: ["editor", "employee"] });
  sales = await createTestDepartment(`Ventas ${Math.random().toString(36).slice(2, 7)}`);
  care = await createTestDepartment(`Atención ${Math.random().toString(36).slice(2, 7)}`);
  employee = await createTestUser({ departmentId: sales });
  await createTestUser({ departmentId: care });
  wave = await createTestCohort(editor.id, [editor.email], Date.now() - DAY, Date.now() + 30 * DAY);
  guideline = await createGuideline();
  workshop = await createTestWorkshop({ settings: { required: true, dueDays: 10 } });
});

const pages = {
  guideline: {
    route: manageGuideline,
    path: () => `/manage/guidelines/${guideline.slug}`,
    slug: () => guideline.slug,
    id: () => guideline.documentId,
  },
  workshop: {
    route: manageWorkshop,
    path: () => `/manage/workshops/${workshop.slug}`,
    slug: () => workshop.slug,
    id: () => workshop.workshopId,
  },
} as const;

async function load(kind: AudienceKind, user = editor) {
  const page = pages[kind];
  return call(page.route.loader, getRequest(page.path(), { cookie: user.cookie }), { slug: page.slug() });
}

async function post(
  kind: AudienceKind,
  body: Record<string, string | string[]>,
  options: { user?: TestUser; origin?: string | null } = {},
) {
  const page = pages[kind];
  const request = postRequest(
    page.path(),
    { intent: "audience", ...body },
    { cookie: (options.user ?? editor).cookie, origin: options.origin },
  );
  return call(page.route.action, request, { slug: page.slug() });
}

describe.each(["guideline", "workshop"] as const)("the %s page", (kind) => {
  it("offers every department and wave, saves a department and a wave, and shows the choice", async () => {
    const before = await jsonOf(await load(kind));
    expect(before.audience.chosen).toEqual({ departmentIds: [], cohortIds: [] });
    const departmentIds = before.audience.departments.map((d: { id: string }) => d.id);
    expect(departmentIds).toEqual(expect.arrayContaining([sales, care]));
    // In Spanish alphabetical order: "Atención" before "Ventas".
    expect(departmentIds.indexOf(care)).toBeLessThan(departmentIds.indexOf(sales));
    expect(before.audience.cohorts.map((c: { id: string }) => c.id)).toContain(wave);

    const saved = await post(kind, { departmentIds: sales, cohortIds: wave });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(pages[kind].path());
    expect(setCookies(saved).some((c) => c.startsWith("altavoz_toast="))).toBe(true);
    expectTranslated("onboarding.toasts.audienceSaved");

    expect((await jsonOf(await load(kind))).audience.chosen).toEqual({ departmentIds: [sales], cohortIds: [wave] });
    expect(await requiredAudience(db, kind, pages[kind].id())).toEqual({ departmentIds: [sales], cohortIds: [wave] });

    // Two departments at once, as the browser posts two ticked boxes.
    await post(kind, { departmentIds: [sales, care], cohortIds: wave });
    const both = (await jsonOf(await load(kind))).audience.chosen;
    expect([...both.departmentIds].sort()).toEqual([sales, care].sort());
  });

  it("refuses an unknown department or wave with a translated error and keeps the saved choice", async () => {
    await post(kind, { departmentIds: sales, cohortIds: wave });
    const unknownDepartment = await post(kind, { departmentIds: [care, "no-such-department"], cohortIds: [] });
    expect(unknownDepartment.status).toBe(400);
    const departmentError = (await jsonOf(unknownDepartment)).errors.departmentIds;
    expect(departmentError).toBe("onboarding.errors.unknownDepartment");
    expectTranslated(departmentError);

    const unknownCohort = await post(kind, { departmentIds: [], cohortIds: "no-such-wave" });
    expect(unknownCohort.status).toBe(400);
    const cohortError = (await jsonOf(unknownCohort)).errors.cohortIds;
    expect(cohortError).toBe("onboarding.errors.unknownCohort");
    expectTranslated(cohortError);

    const malformed = await post(kind, { departmentIds: "x".repeat(101) });
    expect(malformed.status).toBe(400);
    expect((await jsonOf(malformed)).errors.departmentIds).toBe("validation.invalid");

    expect(await requiredAudience(db, kind, pages[kind].id())).toEqual({ departmentIds: [sales], cohortIds: [wave] });
  });

  it("is refused to a non-editor and to a post from elsewhere, changing nothing", async () => {
    await post(kind, { departmentIds: sales, cohortIds: [] });
    expect((await load(kind, employee)).status).toBe(403);
    expect((await post(kind, { departmentIds: care }, { user: employee })).status).toBe(403);
    expect((await post(kind, { departmentIds: care }, { origin: null })).status).toBe(403);
    expect((await post(kind, { departmentIds: care }, { origin: "https://evil.example" })).status).toBe(403);
    expect(await requiredAudience(db, kind, pages[kind].id())).toEqual({ departmentIds: [sales], cohortIds: [] });
  });

  it("goes back to everyone when no box is ticked", async () => {
    await post(kind, { departmentIds: sales, cohortIds: wave });
    expect((await post(kind, {})).status).toBe(302);
    expect((await jsonOf(await load(kind))).audience.chosen).toEqual({ departmentIds: [], cohortIds: [] });
  });
});

describe("what the choice changes on the pages", () => {
  it("offers no audience for an optional guideline or workshop", async () => {
    const optional = await createGuideline({ required: false });
    const page = await call(manageGuideline.loader, getRequest(`/manage/guidelines/${optional.slug}`, { cookie: editor.cookie }), {
      slug: optional.slug,
    });
    expect((await jsonOf(page)).audience).toBeNull();
    const optionalWorkshop = await createTestWorkshop({ settings: { required: false } });
    const workshopPage = await call(
      manageWorkshop.loader,
      getRequest(`/manage/workshops/${optionalWorkshop.slug}`, { cookie: editor.cookie }),
      { slug: optionalWorkshop.slug },
    );
    expect((await jsonOf(workshopPage)).audience).toBeNull();
  });

  it("counts only the audience on the guideline's coverage page and in its publish warning", async () => {
    await setDocumentRequired(db, guideline.documentId, true);
    await post("guideline", { departmentIds: [sales, care], cohortIds: [] });
    const inDepartments = await db
      .selectFrom("users as u")
      .innerJoin("user_roles as r", (join) => join.onRef("r.user_id", "=", "u.id").on("r.role", "=", "employee"))
      .where("u.status", "=", "active")
      .where("u.department_id", "in", [sales, care])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const path = `/manage/guidelines/${guideline.slug}/coverage`;
    const shown = await jsonOf(await call(coverage.loader, getRequest(path, { cookie: editor.cookie }), { slug: guideline.slug }));
    expect(shown.coverage.total).toBe(Number(inDepartments.n));
    expect([...shown.audience.chosen.departmentIds].sort()).toEqual([sales, care].sort());
    expect((await jsonOf(await load("guideline"))).employees).toBe(Number(inDepartments.n));
  });
});
