import type { PointAction } from "#db/schema";
import { awardPoints } from "~/models/scoring/points.server";
import { db } from "~/utils/db.server";

let reference = 0;

/** One ledger event worth `points` for the person at `at` (a share also counts one share). */
export async function award(userId: string, points: number, at: number, action: PointAction = "idea_accepted"): Promise<void> {
  reference += 1;
  await db.transaction().execute((trx) =>
    awardPoints(trx, {
      userId,
      action,
      referenceType: "test",
      referenceId: `r${reference}`,
      at,
      points,
      counters: action === "share" ? { shares: 1 } : {},
    }),
  );
}

/** Madrid wall-clock time → epoch ms (offset given explicitly: +1 in winter, +2 in summer). */
export const madrid = (y: number, m: number, d: number, h = 12, min = 0, offset = 1) => Date.UTC(y, m - 1, d, h - offset, min);
