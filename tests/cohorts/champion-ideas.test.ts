// A champion proposes content for their group: the idea carries the group, the draft an editor makes
// of it is meant for that group by default and goes through the normal review; nobody else can claim
// a group they do not champion (form posts, no JavaScript).
import { beforeAll, describe, expect, it } from "vitest";
import { grantChampion } from "~/models/champions/champions.server";
import { acceptIdea } from "~/models/content/ideas.server";
import * as ideasPage from "~/routes/ideas";
import * as inbox from "~/routes/manage.ideas";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest, type TestUser } from "../support/http";
import { createTestCohort } from "./helpers";

const DAY = 86_400_000;
let admin: TestUser, champion: TestUser, colleague: TestUser, editor: TestUser;
let cohortId: string, departmentId: string;

const propose = (person: TestUser, group: string) =>
  call(
    ideasPage.action,
    postRequest(
      "/ideas",
      { kind: "url", url: "https://example.com/pilot-video", reason: "Para la ola", topic: "content", group },
      { cookie: person.cookie },
    ),
  );
const ideasOf = (userId: string) =>
  db
    .selectFrom("ideas")
    .select(["id", "for_cohort_id", "for_department_id"])
    .where("proposer_id", "=", userId)
    .orderBy("created_at")
    .execute();

beforeAll(async () => {
  admin = await createTestUser({ roles: ["admin"] });
  editor = await createTestUser({ roles: ["editor"] });
  departmentId = await createTestDepartment("Tiendas (referentes)");
  champion = await createTestUser({ departmentId });
  colleague = await createTestUser({ departmentId });
  cohortId = await createTestCohort(admin.id, [champion.email, colleague.email], Date.now() - DAY, Date.now() + 30 * DAY);
  expect((await grantChampion(db, { id: admin.id, roles: ["admin"] }, champion.email, { kind: "cohort", id: cohortId })).ok).toBe(true);
  expect((await grantChampion(db, { id: admin.id, roles: ["admin"] }, champion.email, { kind: "department", id: departmentId })).ok).toBe(
    true,
  );
});

describe("a champion's idea for their group", () => {
  it("offers the champion's groups, picking the one the group page linked to", async () => {
    const page = await jsonOf(await call(ideasPage.loader, getRequest(`/ideas?group=cohort:${cohortId}`, { cookie: champion.cookie })));
    expect(page.groups.map((g: { value: string }) => g.value).sort()).toEqual([`cohort:${cohortId}`, `department:${departmentId}`].sort());
    expect(page.chosenGroup).toBe(`cohort:${cohortId}`);
    const other = await jsonOf(await call(ideasPage.loader, getRequest(`/ideas?group=cohort:${cohortId}`, { cookie: colleague.cookie })));
    expect(other).toMatchObject({ groups: [], chosenGroup: "" });
  });

  it("becomes a draft meant for that group, still a draft for the normal review", async () => {
    expect((await propose(champion, `cohort:${cohortId}`)).status).toBe(302);
    expect((await propose(champion, `department:${departmentId}`)).status).toBe(302);
    const proposed = await ideasOf(champion.id);
    expect(proposed).toHaveLength(2);
    const forCohort = proposed.find((i) => i.for_cohort_id === cohortId && i.for_department_id === null)!;
    const forDepartment = proposed.find((i) => i.for_cohort_id === null && i.for_department_id === departmentId)!;
    expect(forCohort && forDepartment).toBeTruthy();

    const waiting = await jsonOf(await call(inbox.loader, getRequest("/manage/ideas", { cookie: editor.cookie })));
    expect(waiting.pending.find((i: { id: string }) => i.id === forDepartment.id)).toMatchObject({ forGroup: "Tiendas (referentes)" });
    const cohortDraft = await acceptIdea(db, { id: editor.id, roles: ["editor"] }, forCohort.id);
    if (!cohortDraft.ok || !cohortDraft.itemId) throw new Error("not accepted");
    const item = await db
      .selectFrom("content_items")
      .select(["status", "proposed_by"])
      .where("id", "=", cohortDraft.itemId)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ status: "draft", proposed_by: champion.id });
    expect(await db.selectFrom("content_cohort_targets").select("cohort_id").where("item_id", "=", cohortDraft.itemId).execute()).toEqual([
      { cohort_id: cohortId },
    ]);
    expect(await db.selectFrom("content_targets").select("department_id").where("item_id", "=", cohortDraft.itemId).execute()).toEqual([]);

    const departmentDraft = await acceptIdea(db, { id: editor.id, roles: ["editor"] }, forDepartment.id);
    if (!departmentDraft.ok || !departmentDraft.itemId) throw new Error("not accepted");
    expect(await db.selectFrom("content_targets").select("department_id").where("item_id", "=", departmentDraft.itemId).execute()).toEqual([
      { department_id: departmentId },
    ]);
  });

  it("is refused for a group the person does not champion, writing nothing", async () => {
    const refused = await propose(colleague, `cohort:${cohortId}`);
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).errors).toEqual({ group: "champions.errors.notYourGroup" });
    expect((await propose(colleague, "cohort:nope")).status).toBe(400);
    expect(await ideasOf(colleague.id)).toEqual([]);
    // Without a group, an idea is everyone's as before.
    expect((await propose(colleague, "")).status).toBe(302);
    expect(await ideasOf(colleague.id)).toMatchObject([{ for_cohort_id: null, for_department_id: null }]);
  });
});
