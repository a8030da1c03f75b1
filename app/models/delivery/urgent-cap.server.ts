import type { DB } from "~/utils/db.server";
import { periodContaining } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getUrgentCap } from "~/models/digests/settings.server";

/** The organisation-local week (its Monday, "2026-12-07") an urgent alert at `now` counts against. */
export async function urgentWeekOf(db: DB, now: number): Promise<string> {
  return periodContaining("week", now, await getOrganisationTimeZone(db)).key;
}

/**
 * Takes one of the week's urgent alerts, or refuses when the admins' cap is used up. The count lives
 * in one row per week and is raised by a conditional UPDATE (`used < cap`), so two app instances
 * publishing at the same moment can never exceed the cap: PostgreSQL re-checks the condition on the
 * row the other transaction committed, SQLite runs one writer at a time.
 */
export async function takeUrgentAlert(trx: DB, now: number): Promise<boolean> {
  const [week, cap] = await Promise.all([urgentWeekOf(trx, now), getUrgentCap(trx)]);
  if (cap <= 0) return false;
  await trx
    .insertInto("urgent_weeks")
    .values({ week, used: 0 })
    .onConflict((oc) => oc.column("week").doNothing())
    .execute();
  const taken = await trx
    .updateTable("urgent_weeks")
    .set((eb) => ({ used: eb("used", "+", 1) }))
    .where("week", "=", week)
    .where("used", "<", cap)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** This week's use of the urgent cap, for the admins' page and the editor's form. */
export async function urgentUsage(db: DB, now = Date.now()): Promise<{ week: string; used: number; cap: number }> {
  const [week, cap] = await Promise.all([urgentWeekOf(db, now), getUrgentCap(db)]);
  const row = await db.selectFrom("urgent_weeks").select("used").where("week", "=", week).executeTakeFirst();
  return { week, used: row?.used ?? 0, cap };
}
