/**
 * Rebuilding score_buckets from the sources of truth, for a campaign whose window was set or
 * changed, and as a full recomputation (repair, tests, a changed organisation time zone).
 *
 * Sources: points from points_ledger; shares = ledger rows of action "share" (a share counts when
 * it scored, i.e. when it wrote its ledger row, even with 0 points); unique clicks from link_clicks
 * that were unique and counted (not on an expired item), credited to the link's owner. Each
 * period is one INSERT … SELECT aggregating its time range through the time indexes, the same SQL
 * on SQLite and PostgreSQL; the department is the person's current one, as moveBucketsToDepartment
 * keeps it.
 */
import { sql } from "kysely";
import { inTransaction, type DB } from "~/utils/db.server";
import { periodContaining } from "~/models/core/periods";
import { getOrganisationTimeZone } from "~/models/core/settings.server";

type Kind = "week" | "month" | "quarter" | "all" | "campaign";

interface Window {
  kind: Kind;
  key: string;
  /** null for all time. */
  start: number | null;
  end: number | null;
}

/** Every counted event as (user, points, shares, unique clicks) in [start, end). */
function eventsIn(db: DB, start: number | null, end: number | null) {
  let ledger = db.selectFrom("points_ledger").select((eb) => [
    "points_ledger.user_id as user_id",
    "points_ledger.points as points",
    eb
      .case()
      .when("points_ledger.action", "=", "share")
      .then(sql<number>`1`)
      .else(sql<number>`0`)
      .end()
      .as("shares"),
    sql<number>`0`.as("unique_clicks"),
  ]);
  let clicks = db
    .selectFrom("link_clicks")
    .innerJoin("tracked_links", "tracked_links.id", "link_clicks.link_id")
    .select([
      "tracked_links.user_id as user_id",
      sql<number>`0`.as("points"),
      sql<number>`0`.as("shares"),
      sql<number>`1`.as("unique_clicks"),
    ])
    .where("link_clicks.is_unique", "=", 1)
    .where("link_clicks.counted", "=", 1);
  if (start !== null && end !== null) {
    ledger = ledger.where("points_ledger.created_at", ">=", start).where("points_ledger.created_at", "<", end);
    clicks = clicks.where("link_clicks.clicked_at", ">=", start).where("link_clicks.clicked_at", "<", end);
  }
  return ledger.unionAll(clicks);
}

/** Replaces one period's buckets with the aggregate of its events. */
async function rebuildWindow(trx: DB, window: Window): Promise<void> {
  await trx.deleteFrom("score_buckets").where("period_kind", "=", window.kind).where("period_key", "=", window.key).execute();
  await insertWindow(trx, window);
}

async function insertWindow(trx: DB, window: Window): Promise<void> {
  await trx
    .insertInto("score_buckets")
    .columns(["period_kind", "period_key", "user_id", "department_id", "points", "shares", "unique_clicks"])
    .expression(
      trx
        .selectFrom(eventsIn(trx, window.start, window.end).as("e"))
        .innerJoin("users", "users.id", "e.user_id")
        .select((eb) => [
          sql<Kind>`cast(${window.kind} as text)`.as("period_kind"),
          sql<string>`cast(${window.key} as text)`.as("period_key"),
          "e.user_id",
          "users.department_id",
          eb.fn.sum<number>("e.points").as("points"),
          eb.fn.sum<number>("e.shares").as("shares"),
          eb.fn.sum<number>("e.unique_clicks").as("unique_clicks"),
        ])
        .groupBy(["e.user_id", "users.department_id"])
        .having((eb) =>
          eb.or([eb(eb.fn.sum("e.points"), "!=", 0), eb(eb.fn.sum("e.shares"), "!=", 0), eb(eb.fn.sum("e.unique_clicks"), "!=", 0)]),
        ),
    )
    .execute();
}

/** Recomputes one campaign's buckets over its window; call after creating it or changing its dates. */
export async function recomputeCampaignBuckets(db: DB, campaignId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const campaign = await trx
      .selectFrom("campaigns")
      .select(["id", "starts_at", "ends_at"])
      .where("id", "=", campaignId)
      .executeTakeFirst();
    if (!campaign) {
      await dropCampaignBuckets(trx, campaignId);
      return;
    }
    await rebuildWindow(trx, { kind: "campaign", key: campaign.id, start: campaign.starts_at, end: campaign.ends_at });
  });
}

export async function dropCampaignBuckets(db: DB, campaignId: string): Promise<void> {
  await db.deleteFrom("score_buckets").where("period_kind", "=", "campaign").where("period_key", "=", campaignId).execute();
}

/** The first and last instants with any counted event, or null when there are none. */
async function eventSpan(db: DB): Promise<{ min: number; max: number } | null> {
  const [ledger, clicks] = await Promise.all([
    db
      .selectFrom("points_ledger")
      .select((eb) => [eb.fn.min("created_at").as("min"), eb.fn.max("created_at").as("max")])
      .executeTakeFirst(),
    db
      .selectFrom("link_clicks")
      .select((eb) => [eb.fn.min("clicked_at").as("min"), eb.fn.max("clicked_at").as("max")])
      .executeTakeFirst(),
  ]);
  const mins = [ledger?.min, clicks?.min].filter((v) => v !== null && v !== undefined).map(Number);
  const maxes = [ledger?.max, clicks?.max].filter((v) => v !== null && v !== undefined).map(Number);
  return mins.length ? { min: Math.min(...mins), max: Math.max(...maxes) } : null;
}

/** Every calendar period (week, month, quarter in the zone) between two instants, plus all time. */
export function windowsBetween(min: number, max: number, timeZone: string): Window[] {
  const windows: Window[] = [{ kind: "all", key: "all", start: null, end: null }];
  for (const kind of ["week", "month", "quarter"] as const) {
    for (let p = periodContaining(kind, min, timeZone); p.start <= max; p = periodContaining(kind, p.end, timeZone)) {
      windows.push({ kind, key: p.key, start: p.start, end: p.end });
    }
  }
  return windows;
}

/**
 * Throws away every bucket and rebuilds them all from the ledger, shares and clicks, in one
 * transaction (readers keep seeing the old totals until it commits). Returns the number of rows.
 */
export async function recomputeBuckets(db: DB): Promise<number> {
  return inTransaction(db, async (trx) => {
    const timeZone = await getOrganisationTimeZone(trx);
    await trx.deleteFrom("score_buckets").execute();
    const span = await eventSpan(trx);
    const campaigns = await trx.selectFrom("campaigns").select(["id", "starts_at", "ends_at"]).execute();
    const windows = span ? windowsBetween(span.min, span.max, timeZone) : [];
    if (span) for (const c of campaigns) windows.push({ kind: "campaign", key: c.id, start: c.starts_at, end: c.ends_at });
    for (const window of windows) await insertWindow(trx, window);
    const count = await trx
      .selectFrom("score_buckets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(count.n);
  });
}
