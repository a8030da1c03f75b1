import type { DB } from "~/utils/db.server";
import { formatLocalDate, localDate } from "~/models/core/periods";
import { awardPoints } from "~/models/scoring/points.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { getCareSettings } from "./care-settings.server";

/**
 * Takes one of the person's actionable-report awards for the local day, or none once the daily cap is
 * reached: a conditional upsert, so concurrent resolutions on several instances cannot pass the cap.
 */
async function takeDailySlot(trx: DB, userId: string, dayKey: string, cap: number): Promise<boolean> {
  if (cap <= 0) return false;
  const taken = await trx
    .insertInto("conversation_point_days")
    .values({ user_id: userId, day_key: dayKey, awarded: 1 })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "day_key"])
        .doUpdateSet((eb) => ({ awarded: eb("conversation_point_days.awarded", "+", 1) }))
        .where("conversation_point_days.awarded", "<", cap),
    )
    .executeTakeFirst();
  return Number(taken.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Every reporter of an actionable report earns the scheme's points once, within the daily cap. Returns who scored. */
export async function awardReportPoints(trx: DB, reportId: string, now: number): Promise<string[]> {
  const [{ dailyPointCap }, timeZone, reporters] = await Promise.all([
    getCareSettings(trx),
    getOrganisationTimeZone(trx),
    trx.selectFrom("conversation_reporters").select("user_id").where("report_id", "=", reportId).orderBy("created_at").execute(),
  ]);
  const dayKey = formatLocalDate(localDate(now, timeZone));
  const scored: string[] = [];
  for (const { user_id } of reporters) {
    if (!(await takeDailySlot(trx, user_id, dayKey, dailyPointCap))) continue;
    const points = await awardPoints(trx, {
      userId: user_id,
      action: "report_actionable",
      referenceType: "conversation_report",
      referenceId: reportId,
      at: now,
    });
    if (points > 0) scored.push(user_id);
  }
  return scored;
}
