/**
 * Rebuilds every leaderboard running total (score_buckets) from the ledger, shares and clicks:
 *   npx tsx app/cli/recompute-buckets.ts
 * Run it after changing the organisation's time zone (org.timeZone), since weeks, months and
 * quarters are cut in that zone, or to repair totals after editing the ledger by hand. It runs in
 * one transaction: leaderboards show the old totals until it commits.
 */
import { recomputeBuckets } from "~/models/scoring/buckets.server";
import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";

const db = getDb();
await migrateToLatest(db);
const started = performance.now();
const rows = await recomputeBuckets(db);
await closeDb();
console.log(`score_buckets rebuilt: ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
