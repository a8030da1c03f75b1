import type { Locale, Role } from "#db/schema";
import { recordAudit } from "~/models/audit/record.server";
import { createInvitation, sendInvitationMail } from "~/models/people/invitations.server";
import { newId } from "~/utils/crypto.server";
import { inTransaction, isUniqueViolation, type DB } from "~/utils/db.server";
import { DEFAULT_LOCALE } from "~/utils/i18n";
import { createCohort, type CohortInput, type CohortResult } from "./cohorts.server";
import { cohortGraduates } from "./graduation.server";
import { cohortMemberIdsQuery } from "./members.server";

type WaveError = "cohorts.errors.waveOpened" | "cohorts.errors.waveSame" | "cohorts.errors.waveUnknown";

export type WaveResult = { ok: true; invited: number; champions: number; skipped: number } | { ok: false; error: WaveError };

export async function waveOpening(db: DB, cohortId: string) {
  return db
    .selectFrom("cohort_wave_openings as w")
    .innerJoin("cohorts as c", "c.id", "w.cohort_id")
    .innerJoin("cohorts as p", "p.id", "w.pilot_cohort_id")
    .select(["w.cohort_id", "w.pilot_cohort_id", "w.opened_at", "w.invited", "w.champions", "c.name", "p.name as pilot_name"])
    .where((eb) => eb.or([eb("w.cohort_id", "=", cohortId), eb("w.pilot_cohort_id", "=", cohortId)]))
    .execute();
}

/** The cohorts that have not opened a next wave yet, which a new cohort may follow. */
export async function pilotChoices(db: DB) {
  return db
    .selectFrom("cohorts as c")
    .leftJoin("cohort_wave_openings as w", "w.pilot_cohort_id", "c.id")
    .select(["c.id", "c.name"])
    .where("w.cohort_id", "is", null)
    .orderBy("c.starts_at", "asc")
    .orderBy("c.name")
    .execute();
}

/** The invited (not yet joined) people of a wave get a fresh invitation each, the mail written in the same transaction. */
async function inviteWave(trx: DB, cohortId: string, actor: { id: string; roles: Role[] }, origin: string) {
  const people = await trx
    .selectFrom("users")
    .select(["id", "email", "name", "department_id", "locale"])
    .where("id", "in", cohortMemberIdsQuery(trx, cohortId))
    .where("status", "=", "invited")
    .execute();
  let invited = 0;
  for (const person of people) {
    const roles = await trx.selectFrom("user_roles").select("role").where("user_id", "=", person.id).execute();
    const result = await createInvitation(trx, {
      email: person.email,
      name: person.name,
      departmentId: person.department_id,
      roles: roles.map((r) => r.role),
      invitedBy: actor.id,
      inviterRoles: actor.roles,
    });
    if (!result.ok) continue;
    const locale: Locale = person.locale ?? DEFAULT_LOCALE;
    await sendInvitationMail(trx, { email: person.email, name: person.name, token: result.token, origin, locale });
    invited += 1;
  }
  return { invited, skipped: people.length - invited };
}

/**
 * Opens `cohortId` as the wave after `pilotId`: invites its people who have not joined, and names the
 * pilot's graduates its champions. The opening row is written first, keyed by both cohorts, so a second
 * click or another instance fails on the unique key and its transaction (invitations, mails) rolls back.
 */
export async function openNextWave(
  db: DB,
  input: { pilotId: string; cohortId: string; actor: { id: string; roles: Role[] }; origin: string; now?: number },
): Promise<WaveResult> {
  if (input.pilotId === input.cohortId) return { ok: false, error: "cohorts.errors.waveSame" };
  const now = input.now ?? Date.now();
  try {
    return await inTransaction(db, async (trx) => {
      const found = await trx.selectFrom("cohorts").select(["id", "name"]).where("id", "in", [input.pilotId, input.cohortId]).execute();
      const wave = found.find((c) => c.id === input.cohortId);
      if (found.length !== 2 || !wave) return { ok: false, error: "cohorts.errors.waveUnknown" } as const;
      await trx
        .insertInto("cohort_wave_openings")
        .values({
          cohort_id: input.cohortId,
          pilot_cohort_id: input.pilotId,
          opened_by: input.actor.id,
          opened_at: now,
          invited: 0,
          champions: 0,
        })
        .execute();
      const graduates = (await cohortGraduates(trx, input.pilotId, now))?.people.filter((p) => p.graduated) ?? [];
      let champions = 0;
      for (const graduate of graduates) {
        const added = await trx
          .insertInto("champions")
          .values({
            id: newId(),
            user_id: graduate.id,
            cohort_id: input.cohortId,
            department_id: null,
            granted_by: input.actor.id,
            granted_at: now,
          })
          .onConflict((oc) => oc.columns(["user_id", "cohort_id"]).doNothing())
          .executeTakeFirst();
        champions += Number(added.numInsertedOrUpdatedRows ?? 0);
      }
      const { invited, skipped } = await inviteWave(trx, input.cohortId, input.actor, input.origin);
      await trx.updateTable("cohort_wave_openings").set({ invited, champions }).where("cohort_id", "=", input.cohortId).execute();
      await recordAudit(
        trx,
        {
          actorId: input.actor.id,
          action: "cohort.wave_opened",
          target: { type: "cohort", id: input.cohortId, label: wave.name },
          after: { pilot: input.pilotId, invited, champions },
        },
        now,
      );
      return { ok: true, invited, champions, skipped } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "cohorts.errors.waveOpened" };
    throw error;
  }
}

/** Thrown inside the transaction of `createWaveAfter` so that the new cohort is rolled back with the refused opening. */
class WaveRefused extends Error {
  constructor(readonly reason: WaveError) {
    super(reason);
  }
}

/**
 * Creates a cohort and opens it as the wave after `pilotId` in one transaction: either the new wave
 * exists, its people are invited and the pilot's graduates are its champions, or nothing was written.
 */
export async function createWaveAfter(
  db: DB,
  input: { pilotId: string; cohort: CohortInput; actor: { id: string; roles: Role[] }; origin: string; now?: number },
): Promise<(CohortResult & { ok: false }) | { ok: true; id: string; people: number; invited: number; champions: number }> {
  const now = input.now ?? Date.now();
  try {
    return await inTransaction(db, async (trx) => {
      const created = await createCohort(trx, input.actor.id, input.cohort, now);
      if (!created.ok) return created;
      const opened = await openNextWave(trx, {
        pilotId: input.pilotId,
        cohortId: created.id,
        actor: input.actor,
        origin: input.origin,
        now,
      });
      if (!opened.ok) throw new WaveRefused(opened.error);
      return { ok: true, id: created.id, people: created.people, invited: opened.invited, champions: opened.champions } as const;
    });
  } catch (error) {
    if (error instanceof WaveRefused) return { ok: false, field: "followsId", error: error.reason };
    throw error;
  }
}
