/** Due dates and states of onboarding, and the required workshops they come from (see status.server.ts). */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { isLocale } from "~/utils/i18n";
import { localDate, startOfLocalDay } from "~/models/core/periods";
import { personSql, requiredOfSql, type PersonSql } from "./audience.server";

export const ONBOARDING_STATES = ["not_started", "in_progress", "complete", "overdue"] as const;
export type OnboardingState = (typeof ONBOARDING_STATES)[number];

/**
 * The instant a period of `days` days after `joinedAt` ends: the end of the local day `days` days after
 * the local day the person joined (so joining at 23:30 gives the same date as joining at 09:00).
 */
export function dueDateAfter(joinedAt: number, days: number, timeZone: string): number {
  const joined = localDate(joinedAt, timeZone);
  // Calendar days on a UTC calendar, which has no daylight-saving jumps.
  const day = new Date(Date.UTC(joined.year, joined.month - 1, joined.day + days + 1));
  return startOfLocalDay({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, timeZone);
}

/** Every required published workshop (of that person, when given) with its due period and titles (one query). */
export async function requiredWorkshops(db: DB, person?: PersonSql) {
  const rows = await db
    .selectFrom("workshops as w")
    .innerJoin("workshop_versions as v", (join) => join.onRef("v.workshop_id", "=", "w.id").on("v.status", "=", "published"))
    .innerJoin("workshop_version_texts as t", "t.version_id", "v.id")
    .select(["w.id", "w.slug", "w.created_at", "v.due_days", "t.language", "t.title"])
    .where("v.required", "=", 1)
    .$if(person !== undefined, (q) => q.where(requiredOfSql("workshop", "w.id", person ?? personSql(""))))
    .orderBy("w.created_at")
    .orderBy("w.slug")
    .execute();
  const byId = new Map<string, { id: string; slug: string; dueDays: number | null; titles: Partial<Record<Locale, string>> }>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? { id: row.id, slug: row.slug, dueDays: row.due_days, titles: {} };
    if (isLocale(row.language)) entry.titles[row.language] = row.title;
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}

export type RequiredWorkshop = Awaited<ReturnType<typeof requiredWorkshops>>[number];

/** The onboarding's due date for someone who joined at `joinedAt`, given what is still pending. */
export function onboardingDueAt(
  joinedAt: number,
  required: Pick<RequiredWorkshop, "id" | "dueDays">[],
  pendingWorkshopIds: string[],
  timeZone: string,
): number | null {
  const days = (list: Pick<RequiredWorkshop, "dueDays">[]) => list.flatMap((w) => (w.dueDays === null ? [] : [w.dueDays]));
  const pendingDays = days(required.filter((w) => pendingWorkshopIds.includes(w.id)));
  if (pendingDays.length) return dueDateAfter(joinedAt, Math.min(...pendingDays), timeZone);
  const allDays = days(required);
  return allDays.length ? dueDateAfter(joinedAt, Math.max(...allDays), timeZone) : null;
}

/** The state from what is pending and whether the person has started anything. */
export function onboardingState(input: { complete: boolean; started: boolean; dueAt: number | null; now: number }): OnboardingState {
  if (input.complete) return "complete";
  if (input.dueAt !== null && input.now >= input.dueAt) return "overdue";
  return input.started ? "in_progress" : "not_started";
}
