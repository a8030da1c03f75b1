import { describe, expect, it } from "vitest";
import * as cohorts from "~/routes/admin.cohorts._index";
import * as cohortPage from "~/routes/admin.cohorts.$id";
import { db } from "~/utils/db.server";
import { call, createTestDepartment, createTestUser, getRequest, jsonOf, postRequest } from "../support/http";
import { expectTranslated } from "../support/i18n";

describe("cohort pages", () => {
  it("HR creates a wave from a department and a CSV upload, sees its page, and bad input is refused with nothing stored", async () => {
    const hr = await createTestUser({ roles: ["hr"] });
    const department = await createTestDepartment();
    const member = await createTestUser({ departmentId: department });
    const listed = await createTestUser();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("cohorts")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await call(
      cohorts.action,
      postRequest(
        "/admin/cohorts",
        { name: "Ola mala", startsOn: "2031-05-10", endsOn: "2031-05-01", goalParticipation: "120" },
        { cookie: hr.cookie },
      ),
    );
    expect(bad.status).toBe(400);
    const errors = (await jsonOf(bad)).errors;
    expect(errors).toMatchObject({ endsOn: "cohorts.errors.endBeforeStart", goalParticipation: "validation.tooLarge" });
    expectTranslated("cohorts.errors.endBeforeStart");
    const unknown = await call(
      cohorts.action,
      postRequest(
        "/admin/cohorts",
        { name: "Ola desconocida", startsOn: "2031-05-01", endsOn: "2031-05-31", emails: "nadie@example.com" },
        { cookie: hr.cookie },
      ),
    );
    expect((await jsonOf(unknown)).errors).toEqual({ emails: "cohorts.errors.unknownEmails" });
    expect(await count()).toBe(before);

    const form = new FormData();
    for (const [key, value] of Object.entries({
      name: "Ola 1 — piloto",
      startsOn: "2031-05-01",
      endsOn: "2031-05-31",
      goalShares: "40",
      departmentIds: department,
    }))
      form.append(key, value);
    form.append("csv", new File([`email\n${listed.email}\n`], "ola.csv", { type: "text/csv" }));
    const created = await call(cohorts.action, postRequest("/admin/cohorts", form, { cookie: hr.cookie }));
    expect(created.status).toBe(302);
    const id = created.headers.get("Location")!.split("/").pop()!;
    const page = await jsonOf(await call(cohortPage.loader, getRequest(`/admin/cohorts/${id}`, { cookie: hr.cookie }), { id }));
    expect(page).toMatchObject({ name: "Ola 1 — piloto", goals: { shares: 40, participation: null }, cohort: { people: 2 } });
    expect(page.people.map((p: { id: string }) => p.id).sort()).toEqual([member.id, listed.id].sort());
  });
});
