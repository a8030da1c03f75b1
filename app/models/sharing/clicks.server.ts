import { randomBytes } from "node:crypto";
import { PostgresAdapter } from "kysely";
import { inTransaction, type DB } from "~/utils/db.server";
import { readEnv } from "~/utils/env.server";
import { networkOf } from "~/utils/network-address";
import { sha256 } from "~/utils/crypto.server";
import { localDayLabeller } from "~/models/core/periods";
import { getPointScheme } from "~/models/scoring/points.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { chunks, type BatchSummary, type ClickLink, type PendingClick, type PreparedClick } from "./click-batch";
import { writeClicks } from "./click-writes.server";

export type { BatchSummary, PendingClick } from "./click-batch";

const isPostgres = (db: DB) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Each day's salt is random and stored; once deleted, that day's visitor hashes cannot be linked to anyone. */
async function saltsFor(trx: DB, days: string[]): Promise<Map<string, string>> {
  await trx
    .insertInto("visitor_salts")
    .values(days.map((day) => ({ day, salt: randomBytes(32).toString("hex"), created_at: Date.now() })))
    .onConflict((oc) => oc.column("day").doNothing())
    .execute();
  const rows = await trx.selectFrom("visitor_salts").select(["day", "salt"]).where("day", "in", days).execute();
  return new Map(rows.map((r) => [r.day, r.salt]));
}

/**
 * The batch's links, locked on PostgreSQL (in id order, so two writers never deadlock) until the
 * transaction ends: another instance's batch for the same link waits, then reads the points this one
 * added, so the per-link cap and the per-network limits hold across instances. SQLite runs one
 * write transaction at a time.
 */
async function lockLinks(trx: DB, linkIds: string[]): Promise<Map<string, ClickLink>> {
  let query = trx
    .selectFrom("tracked_links")
    .leftJoin("content_items", "content_items.id", "tracked_links.item_id")
    .select(["tracked_links.id", "tracked_links.user_id", "tracked_links.click_points", "content_items.expire_at"])
    .where("tracked_links.id", "in", linkIds)
    .orderBy("tracked_links.id");
  if (isPostgres(trx)) query = query.forUpdate("tracked_links");
  const rows = await query.execute();
  return new Map(rows.map((l) => [l.id, { ...l, expire_at: l.expire_at ?? null, earned: 0 }]));
}

async function sessionOwners(trx: DB, batch: PendingClick[]): Promise<Map<string, string>> {
  const ids = [...new Set(batch.map((c) => c.sessionId).filter((t): t is string => Boolean(t)))];
  const owners = new Map<string, string>();
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom("sessions").select(["id", "user_id"]).where("id", "in", part).execute();
    for (const row of rows) owners.set(row.id, row.user_id);
  }
  return owners;
}

type VisitorHashes = { visitorHash: string; networkHash: string };

/**
 * A day's visitor and network hashes of an address and user agent, each computed once per batch:
 * remembered by salt, address and user agent in nested maps, so a repeated visitor costs three
 * lookups rather than two joined keys and their hashes.
 */
function visitorHasher(): (salt: string, ip: string, userAgent: string) => VisitorHashes {
  const bySalt = new Map<string, Map<string, { networkHash: string; byAgent: Map<string, VisitorHashes> }>>();
  return (salt, ip, userAgent) => {
    let byIp = bySalt.get(salt);
    if (!byIp) bySalt.set(salt, (byIp = new Map()));
    let address = byIp.get(ip);
    if (!address) byIp.set(ip, (address = { networkHash: sha256(`${salt}|net|${networkOf(ip)}`), byAgent: new Map() }));
    let hashes = address.byAgent.get(userAgent);
    if (!hashes)
      address.byAgent.set(userAgent, (hashes = { visitorHash: sha256(`${salt}|${ip}|${userAgent}`), networkHash: address.networkHash }));
    return hashes;
  };
}

async function prepareClicks(trx: DB, batch: PendingClick[], links: Map<string, ClickLink>, timeZone: string): Promise<PreparedClick[]> {
  const owners = await sessionOwners(trx, batch);
  const dayOf = localDayLabeller(timeZone);
  const days = batch.map((c) => dayOf(c.at));
  const salts = await saltsFor(trx, [...new Set(days)]);
  const hashes = visitorHasher();
  const prepared: PreparedClick[] = [];
  batch.forEach((click, i) => {
    const link = links.get(click.linkId);
    if (!link) return;
    const self = click.sessionId !== null && owners.get(click.sessionId) === link.user_id;
    const { visitorHash, networkHash } = hashes(salts.get(days[i])!, click.ip, click.userAgent);
    prepared.push({ click, link, day: days[i], visitorHash, networkHash, self });
  });
  return prepared;
}

/** Keys (link, day, visitor) seen for the first time, by inserting them; the primary key decides, whichever instance asks. */
async function firstVisitsOf(trx: DB, prepared: PreparedClick[]): Promise<Set<string>> {
  const firstVisits = new Set<string>();
  const rows = [...new Map(prepared.filter((p) => !p.self).map((p) => [`${p.link.id}|${p.day}|${p.visitorHash}`, p])).values()].map(
    (p) => ({
      link_id: p.link.id,
      day: p.day,
      visitor_hash: p.visitorHash,
    }),
  );
  for (const part of chunks(rows)) {
    const inserted = await trx
      .insertInto("link_visitors")
      .values(part)
      .onConflict((oc) => oc.columns(["link_id", "day", "visitor_hash"]).doNothing())
      .returning(["link_id", "day", "visitor_hash"])
      .execute();
    for (const r of inserted) firstVisits.add(`${r.link_id}|${r.day}|${r.visitor_hash}`);
  }
  return firstVisits;
}

/**
 * Of the first visits, those their network may still count today: a person rotating user agents
 * (or IPv6 addresses inside their /64) is one visitor after `limit` unique clicks. The counts are
 * read and written under the links' locks.
 */
async function withinNetworkLimit(
  trx: DB,
  prepared: PreparedClick[],
  firstVisits: Set<string>,
  limit: number,
): Promise<Set<PreparedClick>> {
  const candidates = prepared.filter((p) => !p.self && firstVisits.has(`${p.link.id}|${p.day}|${p.visitorHash}`));
  const counts = new Map<string, number>();
  const key = (p: PreparedClick) => `${p.link.id}|${p.day}|${p.networkHash}`;
  for (const part of chunks([...new Set(candidates.map((p) => p.networkHash))])) {
    const rows = await trx
      .selectFrom("link_networks")
      .select(["link_id", "day", "network_hash", "unique_clicks"])
      .where("link_id", "in", [...new Set(candidates.map((p) => p.link.id))])
      .where("network_hash", "in", part)
      .execute();
    for (const r of rows) counts.set(`${r.link_id}|${r.day}|${r.network_hash}`, r.unique_clicks);
  }
  const counted = new Set<PreparedClick>();
  const changed = new Map<string, PreparedClick>();
  for (const p of candidates) {
    if (!firstVisits.delete(`${p.link.id}|${p.day}|${p.visitorHash}`)) continue;
    const n = counts.get(key(p)) ?? 0;
    if (n >= limit) continue;
    counts.set(key(p), n + 1);
    changed.set(key(p), p);
    counted.add(p);
  }
  const rows = [...changed].map(([k, p]) => ({
    link_id: p.link.id,
    day: p.day,
    network_hash: p.networkHash,
    unique_clicks: counts.get(k)!,
  }));
  for (const part of chunks(rows)) {
    await trx
      .insertInto("link_networks")
      .values(part)
      .onConflict((oc) =>
        oc.columns(["link_id", "day", "network_hash"]).doUpdateSet((eb) => ({ unique_clicks: eb.ref("excluded.unique_clicks") })),
      )
      .execute();
  }
  return counted;
}

/** readEnv parses the whole environment (zod): read again only when the variable changes. */
let perNetworkSetting: { raw: string | undefined; value: number } | null = null;
function uniqueClicksPerNetwork(): number {
  const raw = process.env.UNIQUE_CLICKS_PER_NETWORK;
  if (!perNetworkSetting || perNetworkSetting.raw !== raw) perNetworkSetting = { raw, value: readEnv().UNIQUE_CLICKS_PER_NETWORK };
  return perNetworkSetting.value;
}

/**
 * Writes a batch of clicks in one transaction (or the caller's): total clicks, unique visitors per
 * link and day (at most a few per network address), the sharer's own clicks flagged, and points for
 * unique clicks (capped per share, none for expired items) with the ledger and running totals.
 */
export async function processClicks(db: DB, batch: PendingClick[], options: { perNetwork?: number } = {}): Promise<BatchSummary> {
  const summary: BatchSummary = { clicks: batch.length, unique: 0, self: 0, points: 0 };
  if (batch.length === 0) return summary;
  const perNetwork = options.perNetwork ?? uniqueClicksPerNetwork();
  return inTransaction(db, async (trx) => {
    const links = await lockLinks(trx, [...new Set(batch.map((c) => c.linkId))]);
    const timeZone = await getOrganisationTimeZone(trx);
    const scheme = await getPointScheme(trx, Math.max(...batch.map((c) => c.at)));
    const prepared = await prepareClicks(trx, batch, links, timeZone);
    const unique = await withinNetworkLimit(trx, prepared, await firstVisitsOf(trx, prepared), perNetwork);
    await writeClicks(
      trx,
      prepared,
      unique,
      { points: scheme.unique_click.points, cap: scheme.unique_click.cap ?? Number.POSITIVE_INFINITY },
      summary,
    );
    return summary;
  });
}

/**
 * Forgets the salts of days before `today` (a local date, YYYY-MM-DD): once a day's salt is gone, its
 * visitor hashes cannot be recomputed from an address, so no visitor can be linked across days.
 */
export async function forgetOldSalts(db: DB, today: string): Promise<number> {
  const result = await db.deleteFrom("visitor_salts").where("day", "<", today).executeTakeFirst();
  return Number(result.numDeletedRows);
}
