import { beforeAll, describe, expect, it } from "vitest";
import { grantChampion } from "~/models/champions/champions.server";
import { setOrganisationTimeZone } from "~/models/core/settings.server";
import { acknowledgeGuideline } from "~/models/guidelines/acknowledgements.server";
import { rebuildOnboardingProgress } from "~/models/onboarding/progress.server";
import { db } from "~/utils/db.server";
import * as groupRoute from "~/routes/champions.$kind.$id";
import * as mineRoute from "~/routes/champions._index";
import { createGuideline, textHashOf } from "../guidelines/helpers";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { createTestWorkshop } from "../workshops/helpers";
import { createTestCohort } from "./helpers";

const DAY = 86_400_000;
let cohortA: string;
let cohortB: string;
let department: string;
let champion: TestUser;
let colleague: TestUser;
let hr: TestUser;
const people: Record<string, TestUser> = {};

async function member(key: string, departmentId: string | null = null) {
  const user = await createTestUser({ name: `Persona ${key}`, departmentId });
  await db
    .updateTable("users")
    .set({ created_at: Date.now() - 20 * DAY })
    .where("id", "=", user.id)
    .execute();
  people[key] = user;
  return user;
}

const cohortOf = (admin: string, emails: string[]) => createTestCohort(admin, emails, Date.now() - 30 * DAY, Date.now() + 30 * DAY);

const page = (kind: string, id: string, user: TestUser) =>
  call(groupRoute.loader, getRequest(`/champions/${kind}/${id}`, { cookie: user.cookie }), { kind, id });
const nudge = (kind: string, id: string, user: TestUser) =>
  call(groupRoute.action, postRequest(`/champions/${kind}/${id}`, { intent: "nudge" }, { cookie: user.cookie }), { kind, id });
const mailsTo = async (users: TestUser[]) =>
  (
    await db
      .selectFrom("outbox")
      .select("to_address")
      .where(
        "to_address",
        "in",
        users.map((u) => u.email),
      )
      .execute()
  ).map((m) => m.to_address);

beforeAll(async () => {
  await setOrganisationTimeZone(db, "Europe/Madrid");
  await createTestWorkshop({ settings: { required: true, dueDays: 7 } });
  const guideline = await createGuideline({ required: true });
  const admin = await createTestUser({ roles: ["admin"] });
  hr = await createTestUser({ roles: ["hr"] });
  department = await createTestDepartment();
  const [a1, a2, b1] = [await member("a1"), await member("a2"), await member("b1")];
  await member("d1", department);
  await acknowledgeGuideline(db, {
    userId: a2.id,
    versionId: guideline.versionId,
    language: "es",
    textHash: await textHashOf(guideline.versionId, "es"),
  });
  cohortA = await cohortOf(admin.id, [a1.email, a2.email]);
  cohortB = await cohortOf(admin.id, [b1.email]);
  champion = await createTestUser({ name: "Referente" });
  colleague = await createTestUser();
  await rebuildOnboardingProgress(db);
  expect(await grantChampion(db, { id: admin.id, roles: ["admin"] }, champion.email, { kind: "cohort", id: cohortA })).toEqual({
    ok: true,
  });
});

describe("champions", () => {
  it("are named once per group, only for active people and existing groups", async () => {
    const actor = { id: hr.id, roles: ["hr" as const] };
    expect(await grantChampion(db, actor, champion.email, { kind: "cohort", id: cohortA })).toMatchObject({
      ok: false,
      error: "champions.errors.already",
    });
    expect(await grantChampion(db, actor, "nadie@example.com", { kind: "cohort", id: cohortA })).toMatchObject({ field: "email" });
    expect(await grantChampion(db, actor, champion.email, { kind: "department", id: "nope" })).toMatchObject({ field: "scope" });
    const mine = await jsonOf(await call(mineRoute.loader, getRequest("/champions", { cookie: champion.cookie })));
    expect(mine.scopes).toEqual([{ kind: "cohort", id: cohortA, name: expect.any(String) }]);
  });

  it("see their own group's onboarding and no other group's people", async () => {
    const mine = await page("cohort", cohortA, champion);
    expect(mine.status).toBe(200);
    const data = await jsonOf(mine);
    expect(data.people.map((p: { name: string }) => p.name).sort()).toEqual(["Persona a1", "Persona a2"]);
    expect(data).toMatchObject({ total: 2, started: 1, ambassadors: 0 });
    expect(data.people.find((p: { name: string }) => p.name === "Persona a1").state).toBe("overdue");
    expect((await page("cohort", cohortB, champion)).status).toBe(404);
    expect((await page("department", department, champion)).status).toBe(404);
    expect((await page("cohort", cohortA, colleague)).status).toBe(404);
    expect((await page("team", cohortA, champion)).status).toBe(404);
    // HR sees any group.
    expect((await page("cohort", cohortB, hr)).status).toBe(200);
    expect((await jsonOf(await page("department", department, hr))).people).toHaveLength(1);
  });

  it("nudge their group's overdue people who have not started, within the reminder interval, and nobody else", async () => {
    expect((await nudge("cohort", cohortB, champion)).status).toBe(404);
    expect(await mailsTo([people.b1])).toEqual([]);
    const first = await nudge("cohort", cohortA, champion);
    expect(first.status).toBe(302);
    // a2 has started (acknowledged the guidelines): only a1 is nudged.
    expect(await mailsTo([people.a1, people.a2, people.b1, people.d1])).toEqual([people.a1.email]);
    await nudge("cohort", cohortA, champion);
    expect(await mailsTo([people.a1])).toHaveLength(1);
  });
});
