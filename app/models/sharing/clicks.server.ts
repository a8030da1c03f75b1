import { randomBytes } from "node:crypto";
import type { DB } from "~/utils/db.server";
import { sha256 } from "~/utils/crypto.server";
import { formatLocalDate, localDate, startOfLocalDay } from "~/models/core/periods";
import { addToBuckets, getPointScheme } from "~/models/scoring/points.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";

/** A click as the redirect saw it. The address and user agent live only in memory until hashed. */
export interface PendingClick {
  linkId: string;
  at: number;
  ip: string;
  userAgent: string;
  /** The raw session token from the visitor's cookie, if any: used only to spot the sharer's own clicks. */
  sessionToken: string | null;
}

export interface BatchSummary {
  clicks: number;
  unique: number;
  self: number;
  points: number;
}

const CHUNK = 400;
/**
 * Lets the event loop serve waiting requests between the chunks of a batch: on SQLite every
 * statement runs on the main thread, and a whole batch at once would hold redirects back for tens
 * of milliseconds (their p99). The transaction stays open meanwhile; redirects need no database.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Local dates (YYYY-MM-DD) of instants in a zone, remembering each day's [start, end): a batch's
 * clicks mostly share a day or two, and asking Intl for every click would cost more than the writes.
 */
export function localDayLabeller(timeZone: string): (at: number) => string {
  const windows: { start: number; end: number; day: string }[] = [];
  return (at) => {
    for (const w of windows) if (at >= w.start && at < w.end) return w.day;
    const d = localDate(at, timeZone);
    const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
    const window = {
      start: startOfLocalDay(d, timeZone),
      end: startOfLocalDay({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone),
      day: formatLocalDate(d),
    };
    windows.push(window);
    return window.day;
  };
}

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
 * Writes a batch of clicks in one transaction: total clicks, unique visitors per link and day,
 * the sharer's own clicks flagged, and points for unique clicks (capped per share, none for expired
 * items) with the ledger and running totals in the same transaction.
 */
export async function processClicks(db: DB, batch: PendingClick[]): Promise<BatchSummary> {
  const summary: BatchSummary = { clicks: batch.length, unique: 0, self: 0, points: 0 };
  if (batch.length === 0) return summary;
  return db.transaction().execute(async (trx) => {
    const timeZone = await getOrganisationTimeZone(trx);
    const scheme = await getPointScheme(trx, Math.max(...batch.map((c) => c.at)));
    const clickPoints = scheme.unique_click;
    const cap = clickPoints.cap ?? Number.POSITIVE_INFINITY;

    const linkIds = [...new Set(batch.map((c) => c.linkId))];
    const links = new Map(
      (
        await trx
          .selectFrom("tracked_links")
          .leftJoin("content_items", "content_items.id", "tracked_links.item_id")
          .select(["tracked_links.id", "tracked_links.user_id", "tracked_links.click_points", "content_items.expire_at"])
          .where("tracked_links.id", "in", linkIds)
          .execute()
      ).map((l) => [l.id, { ...l, earned: 0 }]),
    );

    const tokens = [...new Set(batch.map((c) => c.sessionToken).filter((t): t is string => Boolean(t)))];
    const sessionOwners = new Map<string, string>();
    for (const part of chunks(tokens)) {
      const rows = await trx.selectFrom("sessions").select(["id", "user_id"]).where("id", "in", part.map(sha256)).execute();
      for (const row of rows) sessionOwners.set(row.id, row.user_id);
    }

    const dayOf = localDayLabeller(timeZone);
    const days = batch.map((c) => dayOf(c.at));
    const salts = await saltsFor(trx, [...new Set(days)]);

    const hashes = new Map<string, string>();
    const prepared = batch
      .map((click, i) => {
        const link = links.get(click.linkId);
        if (!link) return null;
        const visitorKey = `${salts.get(days[i])}|${click.ip}|${click.userAgent}`;
        let visitorHash = hashes.get(visitorKey);
        if (visitorHash === undefined) hashes.set(visitorKey, (visitorHash = sha256(visitorKey)));
        const self = click.sessionToken !== null && sessionOwners.get(sha256(click.sessionToken)) === link.user_id;
        return { click, link, day: days[i], visitorHash, self };
      })
      .filter((p): p is NonNullable<typeof p> => p !== null);

    const firstVisits = new Set<string>();
    const candidates = prepared.filter((p) => !p.self);
    for (const part of chunks(candidates)) {
      const seen = new Set<string>();
      const rows = part
        .map((p) => ({ link_id: p.link.id, day: p.day, visitor_hash: p.visitorHash }))
        .filter((r) => {
          const key = `${r.link_id}|${r.day}|${r.visitor_hash}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      await breathe();
      const inserted = await trx
        .insertInto("link_visitors")
        .values(rows)
        .onConflict((oc) => oc.columns(["link_id", "day", "visitor_hash"]).doNothing())
        .returning(["link_id", "day", "visitor_hash"])
        .execute();
      for (const r of inserted) firstVisits.add(`${r.link_id}|${r.day}|${r.visitor_hash}`);
    }

    const clickRows = [];
    const ledgerRows = [];
    const perOwner = new Map<string, { at: number; points: number; uniqueClicks: number }[]>();
    for (const p of prepared) {
      const key = `${p.link.id}|${p.day}|${p.visitorHash}`;
      const unique = !p.self && firstVisits.delete(key);
      const expired = p.link.expire_at !== null && p.link.expire_at !== undefined && p.click.at >= p.link.expire_at;
      let points = 0;
      if (unique && !expired) {
        points = Math.max(0, Math.min(clickPoints.points, cap - p.link.click_points - p.link.earned));
        p.link.earned += points;
        const events = perOwner.get(p.link.user_id) ?? [];
        events.push({ at: p.click.at, points, uniqueClicks: 1 });
        perOwner.set(p.link.user_id, events);
        if (points > 0) {
          ledgerRows.push({
            user_id: p.link.user_id,
            action: "unique_click" as const,
            points,
            reference_type: "link_visit",
            reference_id: `${p.link.id}:${p.day}:${p.visitorHash}`,
            created_at: p.click.at,
          });
        }
      }
      if (unique) summary.unique += 1;
      if (p.self) summary.self += 1;
      summary.points += points;
      clickRows.push({
        link_id: p.link.id,
        clicked_at: p.click.at,
        day: p.day,
        visitor_hash: p.visitorHash,
        is_unique: unique ? 1 : 0,
        is_self: p.self ? 1 : 0,
        counted: expired ? 0 : 1,
        points,
      });
    }
    for (const part of chunks(clickRows)) {
      await breathe();
      await trx.insertInto("link_clicks").values(part).execute();
    }
    for (const part of chunks(ledgerRows)) await trx.insertInto("points_ledger").values(part).execute();
    for (const [ownerId, events] of perOwner) {
      for (const e of events) await addToBuckets(trx, ownerId, e.at, { points: e.points, uniqueClicks: e.uniqueClicks });
    }
    for (const link of links.values()) {
      if (link.earned > 0) {
        await trx
          .updateTable("tracked_links")
          .set((eb) => ({ click_points: eb("click_points", "+", link.earned) }))
          .where("id", "=", link.id)
          .execute();
      }
    }
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
