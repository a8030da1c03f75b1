/**
 * Demo activity so leaderboards, challenges and analytics have something to show: over the last
 * ten weeks (the demo library is only days old, so its items stand in for earlier ones: demo
 * history may predate an item's publication), colleagues share published items (a share row, its ledger row and running totals in
 * one transaction, like a real share), their tracked links get visits through the real click
 * pipeline, and they say how many followers they have. Only certified ambassadors share (as the
 * product requires), so the demo employee, a newcomer, has no shares and analytics' participation
 * agrees with its tables. Deterministic, and only once.
 */
import type { DB } from "~/utils/db.server";
import { setFollowerCounts } from "~/models/sharing/amplification.server";
import { processClicks, type PendingClick } from "~/models/sharing/clicks.server";
import { awardPoints } from "~/models/scoring/points.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { getOrCreateTrackedLink } from "~/models/sharing/tracked-links.server";
import { SHARE_NETWORKS } from "~/models/core/networks";
import { addShareToRollups } from "~/models/analytics/rollups.server";
import { addShareToChannelRollups } from "~/models/notifications/channels.server";

const DAY = 86_400_000;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoActivity(db: DB, now = Date.now()): Promise<{ created: boolean; shares: number }> {
  if (await db.selectFrom("points_ledger").select("id").where("reference_type", "=", "demo_share").executeTakeFirst())
    return { created: false, shares: 0 };
  const active = await db.selectFrom("users").select(["id", "email"]).where("status", "=", "active").orderBy("email").execute();
  const people = [];
  for (const person of active) if (await isOnboarded(db, person.id)) people.push(person);
  const items = await db
    .selectFrom("content_items")
    .select(["id", "destination_url", "publish_at"])
    .where("status", "in", ["approved", "published"])
    .where("publish_at", "<=", now)
    .execute();
  if (people.length === 0 || items.length === 0) return { created: true, shares: 0 };
  const next = prng(2026);
  let shares = 0;
  for (const [i, person] of people.entries()) {
    // A few keen ambassadors, most people now and then.
    const keen = i % 7 === 0 ? 3 : i % 3 === 0 ? 1.5 : 0.6;
    const followers = {
      linkedin: Math.round(150 + next() * 900),
      x: Math.round(next() * 600),
      facebook: Math.round(next() * 300),
      whatsapp: Math.round(20 + next() * 80),
      email: Math.round(10 + next() * 40),
    };
    await setFollowerCounts(db, person.id, followers);
    const count = Math.round(keen * (2 + next() * 8));
    for (let n = 0; n < count; n++) {
      const item = items[Math.floor(next() * items.length)];
      const network = SHARE_NETWORKS[Math.floor(next() * 3)];
      // More activity in recent weeks than in older ones.
      const at = now - Math.floor(next() * next() * 70 * DAY);
      const id = `demo-${person.id.slice(0, 8)}-${n}`;
      const link = await getOrCreateTrackedLink(db, { userId: person.id, itemId: item.id, network, destinationUrl: item.destination_url });
      const created = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("shares")
          .values({
            id,
            user_id: person.id,
            item_id: item.id,
            network,
            created_at: at,
            link_id: link.id,
            reach: followers[network],
            scored: 1,
          })
          .execute();
        await addShareToRollups(trx, { userId: person.id, itemId: item.id, network, at, reach: followers[network], scored: true });
        await addShareToChannelRollups(trx, { channel: "feed", at });
        return awardPoints(trx, {
          userId: person.id,
          action: "share",
          referenceType: "demo_share",
          referenceId: id,
          at,
          counters: { shares: 1 },
        });
      });
      if (!created) continue;
      shares += 1;
      const visits: PendingClick[] = Array.from({ length: Math.floor(next() * 12) }, (_, v) => ({
        linkId: link.id,
        at: Math.min(now, at + Math.floor(next() * 3 * DAY)),
        ip: `198.51.100.${(v * 7 + n) % 250}`,
        userAgent: `Demo browser ${Math.floor(next() * 3)}`,
        sessionId: null,
      }));
      await processClicks(db, visits);
    }
  }
  return { created: true, shares };
}
