/**
 * Shares per entry channel (the feed, a digest, an urgent alert, a Teams or Slack card), for analytics:
 * channel_rollups holds each channel's shares per local day, week, month and year, added to in the share's
 * transaction, so a range is read as its whole years, months, weeks and days (about 25 rows for a year-long range).
 */
import { SHARE_CHANNELS, type RollupGrain, type ShareChannel } from "#db/schema";
import { inTransaction, type DB } from "~/utils/db.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { dayLabeller, periodsOfDay } from "~/models/analytics/rollup-periods";
import { rangeBlocks } from "~/models/analytics/queries.server";

/** Shares in the range (whole local days) by the channel that opened the share dialog. */
export async function sharesByChannel(db: DB, range: { start: number; end: number }): Promise<{ channel: ShareChannel; shares: number }[]> {
  const blocks = rangeBlocks(range, await getOrganisationTimeZone(db));
  const totals = new Map<string, number>();
  const grains = [...new Set(blocks.map((b) => b.grain))];
  // One branch per grain, each a lookup on the primary key (grain, period, channel).
  const rows = await Promise.all(
    grains.map((grain) =>
      db
        .selectFrom("channel_rollups")
        .select(["channel", "shares"])
        .where("grain", "=", grain)
        .where(
          "period",
          "in",
          blocks.filter((b) => b.grain === grain).map((b) => b.period),
        )
        .execute(),
    ),
  );
  for (const row of rows.flat()) totals.set(row.channel, (totals.get(row.channel) ?? 0) + Number(row.shares));
  return SHARE_CHANNELS.map((channel) => ({ channel, shares: totals.get(channel) ?? 0 }));
}

type Counts = Map<string, { grain: RollupGrain; period: string; channel: ShareChannel; shares: number }>;

function count(counts: Counts, day: string, channel: ShareChannel, shares: number): void {
  for (const p of periodsOfDay(day)) {
    const id = `${p.grain}|${p.period}|${channel}`;
    const row = counts.get(id);
    if (row) row.shares += shares;
    else counts.set(id, { ...p, channel, shares });
  }
}

async function upsert(trx: DB, counts: Counts): Promise<void> {
  const rows = [...counts.values()];
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto("channel_rollups")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(["grain", "period", "channel"])
          .doUpdateSet((eb) => ({ shares: eb("channel_rollups.shares", "+", eb.ref("excluded.shares")) })),
      )
      .execute();
}

/** Counts one share under its channel; call inside the share's transaction. */
export async function addShareToChannelRollups(trx: DB, share: { channel: ShareChannel; at: number }): Promise<void> {
  const counts: Counts = new Map();
  count(counts, dayLabeller(await getOrganisationTimeZone(trx))(share.at), share.channel, 1);
  await upsert(trx, counts);
}

/** Rebuilds channel_rollups from every share (a repair, a changed time zone; the tests compare it with the running totals). */
export async function rebuildChannelRollups(db: DB): Promise<number> {
  return inTransaction(db, async (trx) => {
    const dayOf = dayLabeller(await getOrganisationTimeZone(trx));
    await trx.deleteFrom("channel_rollups").execute();
    const counts: Counts = new Map();
    for (let after = ""; ;) {
      const page = await trx
        .selectFrom("shares")
        .select(["id", "channel", "created_at"])
        .where("id", ">", after)
        .orderBy("id")
        .limit(5_000)
        .execute();
      for (const share of page) count(counts, dayOf(Number(share.created_at)), share.channel, 1);
      if (page.length < 5_000) break;
      after = page[page.length - 1].id;
    }
    await upsert(trx, counts);
    return counts.size;
  });
}

/** A database that had shares before channel_rollups existed gets it built once (at start-up). */
export async function ensureChannelRollups(db: DB): Promise<void> {
  const [built, shared] = await Promise.all([
    db.selectFrom("channel_rollups").select("period").limit(1).executeTakeFirst(),
    db.selectFrom("shares").select("id").limit(1).executeTakeFirst(),
  ]);
  if (!built && shared) await rebuildChannelRollups(db);
}
