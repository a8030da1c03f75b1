import { PostgresAdapter } from "kysely";
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { DEFAULT_LOCALE, isLocale } from "~/utils/i18n";
import { enqueueJobs } from "../jobs/queue.server";
import { memberIdsOf } from "../cohorts/members.server";
import { lookbackMs, MAX_DIGEST_ITEMS, type DigestSlot } from "./schedule";

export const DIGEST_JOB = "digest";
export const DIGEST_PAGE = 1000;

interface Candidate {
  id: string;
  language: string;
  /** Both empty: everyone; otherwise the departments it targets and the people of the cohorts it targets. */
  departments: Set<string>;
  cohortPeople: Set<string>;
  cohortTargeted: boolean;
}

export interface DigestPayload {
  userId: string;
  slot: string;
  itemIds: string[];
}

/** Items the feed shows at `now` (same rules: status, publish/expire window), published within the slot's look-back, newest first. */
async function candidates(db: DB, slot: DigestSlot, now: number): Promise<Candidate[]> {
  const items = await db
    .selectFrom("content_items")
    .select(["id", "language"])
    .where("status", "in", ["approved", "published"])
    .where("publish_at", "<=", now)
    .where("publish_at", ">", now - lookbackMs(slot.frequency))
    .where((eb) => eb.or([eb("expire_at", "is", null), eb("expire_at", ">", now)]))
    .orderBy("publish_at", "desc")
    .orderBy("id")
    .execute();
  if (items.length === 0) return [];
  const targets = await db
    .selectFrom("content_targets")
    .select(["item_id", "department_id"])
    .where(
      "item_id",
      "in",
      items.map((i) => i.id),
    )
    .execute();
  const byItem = new Map(
    items.map((i) => [i.id, { ...i, departments: new Set<string>(), cohortPeople: new Set<string>(), cohortTargeted: false }]),
  );
  for (const t of targets) byItem.get(t.item_id)?.departments.add(t.department_id);
  const cohortTargets = await db
    .selectFrom("content_cohort_targets")
    .select(["item_id", "cohort_id"])
    .where(
      "item_id",
      "in",
      items.map((i) => i.id),
    )
    .execute();
  const members = await memberIdsOf(
    db,
    cohortTargets.map((t) => t.cohort_id),
  );
  for (const t of cohortTargets) {
    const item = byItem.get(t.item_id);
    if (!item) continue;
    item.cohortTargeted = true;
    for (const userId of members.get(t.cohort_id) ?? []) item.cohortPeople.add(userId);
  }
  return [...byItem.values()];
}

const pairKey = (userId: string, itemId: string) => `${userId}\u0000${itemId}`;

type Person = { id: string; department_id: string | null; locale: string | null };

/** The feed's audience rule: untargeted items for everyone, else the targeted departments' and cohorts' people. */
function isFor(item: Candidate, person: Person): boolean {
  if (item.departments.size === 0 && !item.cohortTargeted) return true;
  if (person.department_id !== null && item.departments.has(person.department_id)) return true;
  return item.cohortPeople.has(person.id);
}

/** The items a person may get (their language, their audience), newest first. */
function eligibleFor(person: Person, items: Candidate[]): Candidate[] {
  const language: Locale = isLocale(person.locale) ? person.locale : DEFAULT_LOCALE;
  return items.filter((item) => item.language === language && isFor(item, person));
}

/**
 * The (person, item) pairs among the eligible ones already digested or shared. People with the same
 * eligible items (a department and language, usually) are asked about together, so the index is probed
 * only for pairs that could be sent, not for every person of the page times every candidate.
 */
async function excluded(db: DB, eligible: Map<string, Candidate[]>): Promise<Set<string>> {
  const groups = new Map<string, { userIds: string[]; itemIds: string[] }>();
  for (const [userId, items] of eligible) {
    if (items.length === 0) continue;
    const itemIds = items.map((i) => i.id);
    const key = itemIds.join("\u0000");
    const group = groups.get(key) ?? groups.set(key, { userIds: [], itemIds }).get(key)!;
    group.userIds.push(userId);
  }
  const skip = new Set<string>();
  for (const { userIds, itemIds } of groups.values()) {
    const [digested, shared] = await Promise.all([
      db
        .selectFrom("digest_items")
        .select(["user_id", "item_id"])
        .where("user_id", "in", userIds)
        .where("item_id", "in", itemIds)
        .execute(),
      db
        .selectFrom("shares")
        .select(["user_id", "item_id"])
        .distinct()
        .where("user_id", "in", userIds)
        .where("item_id", "in", itemIds)
        .execute(),
    ]);
    for (const row of [...digested, ...shared]) skip.add(pairKey(row.user_id, row.item_id));
  }
  return skip;
}

/**
 * Queues one page of a slot's digests in one transaction: the people after the slot's cursor, each
 * person's new items recorded in digest_items (never sent again) with their mail job, and the cursor
 * moved on. The slot row is locked (PostgreSQL) or the write serialised (SQLite), so two processes
 * never queue the same page. Returns false when the slot is finished.
 */
async function queuePage(db: DB, slot: DigestSlot, items: Candidate[], now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let locked = trx.selectFrom("digest_slots").select(["cursor", "finished_at"]).where("slot", "=", slot.slot);
    if (trx.getExecutor().adapter instanceof PostgresAdapter) locked = locked.forUpdate();
    const state = await locked.executeTakeFirst();
    if (!state || state.finished_at !== null) return false;
    const people = await trx
      .selectFrom("users")
      .select(["id", "department_id", "locale"])
      .where("status", "=", "active")
      .where("digest_frequency", "=", slot.frequency)
      .where("id", ">", state.cursor)
      .orderBy("id")
      .limit(DIGEST_PAGE)
      .execute();
    if (people.length === 0) {
      await trx.updateTable("digest_slots").set({ finished_at: now }).where("slot", "=", slot.slot).execute();
      return false;
    }
    const eligible = new Map(people.map((person) => [person.id, eligibleFor(person, items)]));
    const skip = await excluded(trx, eligible);
    const digests = people
      .map((person) => ({
        userId: person.id,
        itemIds: eligible
          .get(person.id)!
          .filter((item) => !skip.has(pairKey(person.id, item.id)))
          .slice(0, MAX_DIGEST_ITEMS)
          .map((item) => item.id),
      }))
      .filter((d) => d.itemIds.length > 0);
    const rows = digests.flatMap((d) =>
      d.itemIds.map((itemId) => ({ user_id: d.userId, item_id: itemId, slot: slot.slot, queued_at: now })),
    );
    for (let start = 0; start < rows.length; start += 500)
      await trx
        .insertInto("digest_items")
        .values(rows.slice(start, start + 500))
        .execute();
    await enqueueJobs(
      trx,
      digests.map((d) => ({
        kind: DIGEST_JOB,
        payload: { ...d, slot: slot.slot } satisfies DigestPayload,
        dedupeKey: `digest:${slot.slot}:${d.userId}`,
      })),
      now,
    );
    await trx
      .updateTable("digest_slots")
      .set((eb) => ({ cursor: people[people.length - 1].id, queued: eb("queued", "+", digests.length) }))
      .where("slot", "=", slot.slot)
      .execute();
    return true;
  });
}

/**
 * Builds and queues a slot's digests (once: the slot row is claimed by its primary key, and a process
 * that stopped half-way resumes from the cursor). Streams people in pages, so memory stays flat.
 */
export async function queueDigestSlot(db: DB, slot: DigestSlot, now = Date.now()): Promise<{ queued: number }> {
  await db
    .insertInto("digest_slots")
    .values({ slot: slot.slot, frequency: slot.frequency, cursor: "", queued: 0, started_at: now, finished_at: null })
    .onConflict((oc) => oc.column("slot").doNothing())
    .execute();
  const items = await candidates(db, slot, now);
  while (await queuePage(db, slot, items, now));
  const row = await db.selectFrom("digest_slots").select("queued").where("slot", "=", slot.slot).executeTakeFirstOrThrow();
  return { queued: row.queued };
}
