import { createCohort } from "~/models/cohorts/cohorts.server";
import { db } from "~/utils/db.server";

/** A cohort of the listed people over [startsAt, endsAt), without goals; its name is unique. */
export async function createTestCohort(actorId: string, emails: string[], startsAt: number, endsAt: number): Promise<string> {
  const created = await createCohort(db, actorId, {
    name: `Ola ${Math.random().toString(36).slice(2, 10)}`,
    startsAt,
    endsAt,
    goalParticipation: null,
    goalShares: null,
    goalUniqueClicks: null,
    departmentIds: [],
    emails: emails.join("\n"),
  });
  if (!created.ok) throw new Error(created.error);
  return created.id;
}
