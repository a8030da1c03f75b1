/** What a champion sees of their group: onboarding from onboarding_progress, activity from the monthly score buckets. */
import { cohortMemberIdsQuery } from "~/models/cohorts/members.server";
import { periodContaining } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { onboardingState } from "~/models/onboarding/due-dates.server";
import { sendOnboardingReminders, type ReminderResult } from "~/models/onboarding/reminders.server";
import type { DB } from "~/utils/db.server";
import type { ChampionScope } from "./champions.server";

export const GROUP_PAGE_SIZE = 50;

function progressOf(db: DB, scope: ChampionScope) {
  const query = db.selectFrom("onboarding_progress as p");
  return scope.kind === "department"
    ? query.where("p.department_id", "=", scope.id)
    : query.where("p.user_id", "in", cohortMemberIdsQuery(db, scope.id));
}

/** The group's people a page at a time, with their onboarding state and this month's shares and unique clicks. */
export async function groupOnboarding(db: DB, scope: ChampionScope, page = 1, now = Date.now()) {
  const month = periodContaining("month", now, await getOrganisationTimeZone(db));
  const [rows, counts] = await Promise.all([
    progressOf(db, scope)
      .innerJoin("users as u", "u.id", "p.user_id")
      .leftJoin("score_buckets as b", (join) =>
        join.onRef("b.user_id", "=", "p.user_id").on("b.period_kind", "=", "month").on("b.period_key", "=", month.key),
      )
      .select(["p.user_id", "u.name", "p.active", "p.guidelines_done", "p.workshops_done", "p.ambassador", "p.started", "p.due_at"])
      .select(["b.shares", "b.unique_clicks"])
      .orderBy("p.sort_name")
      .orderBy("p.user_id")
      .limit(GROUP_PAGE_SIZE)
      .offset((page - 1) * GROUP_PAGE_SIZE)
      .execute(),
    progressOf(db, scope)
      .select((eb) => [
        eb.fn.countAll<number>().as("people"),
        eb.fn.coalesce(eb.fn.sum<number>("p.ambassador"), eb.lit(0)).as("ambassadors"),
        eb.fn.coalesce(eb.fn.sum<number>("p.started"), eb.lit(0)).as("started"),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(counts.people),
    ambassadors: Number(counts.ambassadors),
    started: Number(counts.started),
    people: rows.map((row) => ({
      id: row.user_id,
      name: row.name,
      invited: Number(row.active) !== 1,
      guidelinesDone: Number(row.guidelines_done) === 1,
      workshopsDone: Number(row.workshops_done),
      state: onboardingState({
        complete: Number(row.ambassador) === 1,
        started: Number(row.started) === 1,
        dueAt: row.due_at === null ? null : Number(row.due_at),
        now,
      }),
      shares: Number(row.shares ?? 0),
      uniqueClicks: Number(row.unique_clicks ?? 0),
    })),
  };
}

/** A champion's nudge: the HR reminder round (overdue, once per interval) narrowed to the group's people who have not started. */
export function nudgeGroup(
  db: DB,
  scope: ChampionScope,
  input: { actorId: string; origin: string; now?: number },
): Promise<ReminderResult> {
  const filter =
    scope.kind === "department"
      ? { department: scope.id, from: null, to: null, notStarted: true }
      : { department: "", from: null, to: null, cohort: scope.id, notStarted: true };
  return sendOnboardingReminders(db, { filter, actorId: input.actorId, origin: input.origin, now: input.now });
}
