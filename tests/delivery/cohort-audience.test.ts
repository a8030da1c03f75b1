import { describe, expect, it } from "vitest";
import { createCohort } from "~/models/cohorts/cohorts.server";
import { parseLocalDateTime } from "~/models/core/dates";
import { materialiseLifecycle } from "~/models/content/items.server";
import { drainJobs } from "~/runtime/job-runner.server";
import { jobHandlers } from "~/runtime/job-handlers.server";
import { db } from "~/utils/db.server";
import { createActor } from "../content/helpers";
import { createTestDepartment, createTestUser } from "../support/http";
import { mailsTo, notificationsOf, person, scheduledItem, setUrgentCap } from "./helpers";

const at = (local: string) => parseLocalDateTime(local, "Europe/Madrid")!;

describe("a publication aimed at a cohort", () => {
  it("reaches the cohort's people (listed, and through its departments) and the targeted department, nobody else", async () => {
    await setUrgentCap(10);
    const [pilot, sales, other] = [await createTestDepartment(), await createTestDepartment(), await createTestDepartment()];
    const listed = await person(other);
    const viaDepartment = await person(pilot);
    const inSales = await person(sales);
    const outside = await person(other);
    const admin = await createTestUser({ roles: ["admin"] });
    const cohort = await createCohort(db, admin.id, {
      name: `Piloto ${Math.random().toString(36).slice(2, 6)}`,
      startsAt: at("2026-12-01T00:00"),
      endsAt: at("2026-12-31T00:00"),
      goalParticipation: 50,
      goalShares: 5,
      goalUniqueClicks: 10,
      departmentIds: [pilot],
      emails: listed.email,
    });
    if (!cohort.ok) throw new Error(JSON.stringify(cohort));
    const editor = await createActor(["editor"]);
    const reviewer = await createActor(["reviewer"]);
    const publishAt = at("2026-12-18T10:00");
    await scheduledItem(editor, reviewer, publishAt, {
      notifyNow: true,
      departmentIds: [sales],
      cohortIds: [cohort.id],
      title: "Solo para el piloto",
    });
    await materialiseLifecycle(db, publishAt);
    await drainJobs(db, jobHandlers, { now: publishAt });

    for (const reached of [listed, viaDepartment, inSales]) {
      expect((await notificationsOf(reached.id)).map((n) => n.kind)).toEqual(["urgent_item"]);
      expect(await mailsTo(reached.email)).toHaveLength(1);
    }
    expect(await notificationsOf(outside.id)).toEqual([]);
    expect(await mailsTo(outside.email)).toEqual([]);
  });
});
