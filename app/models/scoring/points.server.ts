import { recordAudit } from "~/models/audit/record.server";
import { inTransaction, type DB } from "~/utils/db.server";
import type { Selectable } from "kysely";
import { POINT_ACTIONS, type PointAction, type ScoreBucketTable } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { bucketKeysAt } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";

export const DEFAULT_POINTS: Record<PointAction, number> = {
  share: 10,
  unique_click: 1,
  workshop_completed: 50,
  guideline_acknowledged: 20,
  idea_accepted: 25,
  report_actionable: 15,
  // Off until an administrator sets it: conversions depend on a CRM the ambassador does not control.
  conversion: 0,
};
/** The most points one share can earn from its unique clicks, unless the scheme says otherwise. */
export const DEFAULT_UNIQUE_CLICK_CAP = 20;

export type PointScheme = Record<PointAction, { points: number; cap: number | null }>;

/** The scheme in force at `at`: per action, the newest rule that had taken effect by then. */
export async function getPointScheme(db: DB, at = Date.now()): Promise<PointScheme> {
  const rules = await db
    .selectFrom("point_rules")
    .select(["action", "points", "cap", "effective_from"])
    .where("effective_from", "<=", at)
    .orderBy("effective_from", "asc")
    .execute();
  const scheme = Object.fromEntries(
    POINT_ACTIONS.map((action) => [
      action,
      { points: DEFAULT_POINTS[action], cap: action === "unique_click" ? DEFAULT_UNIQUE_CLICK_CAP : null },
    ]),
  ) as PointScheme;
  for (const rule of rules) scheme[rule.action] = { points: rule.points, cap: rule.cap };
  return scheme;
}

/**
 * Changes the scheme from now on. Earlier ledger rows keep the points they were given: history is
 * never rewritten. Only actions whose value changed get a new rule.
 */
export async function updatePointScheme(db: DB, next: PointScheme, actorId: string, at = Date.now()): Promise<PointAction[]> {
  return inTransaction(db, async (trx) => {
    const current = await getPointScheme(trx, at);
    const changed = POINT_ACTIONS.filter((a) => current[a].points !== next[a].points || (current[a].cap ?? null) !== (next[a].cap ?? null));
    for (const action of changed) {
      await trx
        .insertInto("point_rules")
        .values({
          id: newId(),
          action,
          points: next[action].points,
          cap: next[action].cap ?? null,
          effective_from: at,
          created_by: actorId,
        })
        .execute();
    }
    if (changed.length) {
      await recordAudit(
        trx,
        {
          actorId,
          action: "scoring.changed",
          target: { type: "point_scheme", id: null, label: changed.join(", ") },
          before: Object.fromEntries(changed.map((a) => [a, current[a]])),
          after: Object.fromEntries(changed.map((a) => [a, { points: next[a].points, cap: next[a].cap ?? null }])),
        },
        at,
      );
    }
    return changed;
  });
}

export interface Counters {
  points?: number;
  shares?: number;
  uniqueClicks?: number;
}

/**
 * Adds to the person's running totals for every period containing `at` (and all time), and for
 * every campaign whose window [starts_at, ends_at) contains `at` (looked up here, in the same
 * transaction, so a campaign created or moved just before counts at once). Extra bucket keys can
 * be passed by the caller. Call inside the event's transaction.
 */
export async function addToBuckets(
  trx: DB,
  userId: string,
  at: number,
  counters: Counters,
  extraBuckets: { kind: "campaign"; key: string }[] = [],
): Promise<void> {
  const points = counters.points ?? 0;
  const shares = counters.shares ?? 0;
  const uniqueClicks = counters.uniqueClicks ?? 0;
  if (!points && !shares && !uniqueClicks) return;
  const [timeZone, person, campaigns] = await Promise.all([
    getOrganisationTimeZone(trx),
    trx.selectFrom("users").select("department_id").where("id", "=", userId).executeTakeFirst(),
    trx.selectFrom("campaigns").select("id").where("starts_at", "<=", at).where("ends_at", ">", at).execute(),
  ]);
  const campaignKeys = new Set([...campaigns.map((c) => c.id), ...extraBuckets.map((b) => b.key)]);
  const campaignBuckets = [...campaignKeys].map((key) => ({ kind: "campaign" as const, key }));
  const rows = [...bucketKeysAt(at, timeZone), ...campaignBuckets].map((b) => ({
    period_kind: b.kind,
    period_key: b.key,
    user_id: userId,
    department_id: person?.department_id ?? null,
    points,
    shares,
    unique_clicks: uniqueClicks,
  }));
  await addToBucketRows(trx, rows);
}

/** Adds each row's counters to its bucket (created at those counters when new). */
export async function addToBucketRows(trx: DB, rows: Selectable<ScoreBucketTable>[]): Promise<void> {
  await trx
    .insertInto("score_buckets")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["period_kind", "period_key", "user_id"]).doUpdateSet((eb) => ({
        points: eb("score_buckets.points", "+", eb.ref("excluded.points")),
        shares: eb("score_buckets.shares", "+", eb.ref("excluded.shares")),
        unique_clicks: eb("score_buckets.unique_clicks", "+", eb.ref("excluded.unique_clicks")),
      })),
    )
    .execute();
}

export interface Award {
  userId: string;
  action: PointAction;
  referenceType: string;
  referenceId: string;
  at?: number;
  /** Points to give instead of the scheme's (e.g. 0 for a re-share, or a click past the cap). */
  points?: number;
  /** Counters that move with this event (a share adds 1 share, a unique click 1 unique click). */
  counters?: Omit<Counters, "points">;
  extraBuckets?: { kind: "campaign"; key: string }[];
}

/**
 * Writes one ledger row and the matching running totals. Must run inside the transaction that
 * records the event itself, so an event without its points (or points without the event) cannot
 * exist. Awarding the same (person, action, reference) twice is a no-op that returns 0.
 */
export async function awardPoints(trx: DB, award: Award): Promise<number> {
  const at = award.at ?? Date.now();
  const points = award.points ?? (await getPointScheme(trx, at))[award.action].points;
  const inserted = await trx
    .insertInto("points_ledger")
    .values({
      user_id: award.userId,
      action: award.action,
      points,
      reference_type: award.referenceType,
      reference_id: award.referenceId,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(["user_id", "action", "reference_type", "reference_id"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 0;
  await addToBuckets(trx, award.userId, at, { points, ...award.counters }, award.extraBuckets);
  return points;
}

export async function totalPoints(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom("score_buckets")
    .select("points")
    .where("period_kind", "=", "all")
    .where("period_key", "=", "all")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.points ?? 0;
}

/** Keeps department leaderboards right when a person moves department. */
export async function moveBucketsToDepartment(trx: DB, userId: string, departmentId: string | null): Promise<void> {
  await trx.updateTable("score_buckets").set({ department_id: departmentId }).where("user_id", "=", userId).execute();
}
