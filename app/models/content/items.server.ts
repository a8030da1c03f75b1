import { moveRollups } from "~/models/analytics/rollups.server";
import type { ContentStatus, Locale, Role } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { isHttpUrl, normaliseForSearch } from "./text";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { announcePublication } from "~/models/delivery/publication.server";
import { writeShareVariants, type ShareVariants } from "./share-variants.server";
import { EDITABLE_STATUSES, refusalFor, WORKFLOW, type ContentAction, type Refusal, type UserContentAction } from "./workflow";
import { recordApprovedVersion } from "./approved-versions.server";
import { lengthProblem, storedItemTooLong, TOO_LONG_WITH_DISCLOSURE } from "./share-lengths.server";

export interface Actor {
  id: string;
  roles: readonly Role[];
}

export interface ContentInput {
  title: string;
  commentary: string;
  destinationUrl: string;
  imageUrl: string | null;
  language: Locale;
  campaignId: string | null;
  topics: string[];
  hashtags: string[];
  /** Empty: every department. */
  departmentIds: string[];
  /** Cohorts it is also meant for; with no departments and no cohorts it is for everyone. */
  cohortIds?: string[];
  publishAt: number | null;
  expireAt: number | null;
  shareTexts: Partial<Record<ShareNetwork, { text: string; subject?: string | null }>>;
  /** Approved alternatives to each network's text (variants 2, 3); absent: none. */
  shareVariants?: ShareVariants;
  /** "Notify now": alert its audience at publication (within the weekly urgent cap). Absent: unchanged. */
  notifyNow?: boolean;
}

export type ContentResult = { ok: true; id: string; status: ContentStatus } | { ok: false; error: string; field?: string };

const searchTextOf = (title: string, commentary: string) => normaliseForSearch(`${title}\n${commentary}`);

async function checkReferences(db: DB, input: ContentInput): Promise<{ error: string; field: string } | null> {
  if (input.campaignId) {
    const campaign = await db.selectFrom("campaigns").select("id").where("id", "=", input.campaignId).executeTakeFirst();
    if (!campaign) return { field: "campaignId", error: "content.errors.unknownCampaign" };
  }
  const wanted = [...new Set(input.departmentIds)];
  if (wanted.length) {
    const found = await db.selectFrom("departments").select("id").where("id", "in", wanted).execute();
    if (found.length !== wanted.length) return { field: "departmentIds", error: "content.errors.unknownDepartment" };
  }
  const cohorts = [...new Set(input.cohortIds ?? [])];
  if (cohorts.length) {
    const found = await db.selectFrom("cohorts").select("id").where("id", "in", cohorts).execute();
    if (found.length !== cohorts.length) return { field: "cohortIds", error: "content.errors.unknownCohort" };
  }
  if (input.publishAt !== null && input.expireAt !== null && input.expireAt <= input.publishAt) {
    return { field: "expireAt", error: "content.errors.expireBeforePublish" };
  }
  return lengthProblem(db, input);
}

async function writeChildren(trx: DB, itemId: string, input: ContentInput): Promise<void> {
  await trx.deleteFrom("content_share_texts").where("item_id", "=", itemId).execute();
  await trx.deleteFrom("content_topics").where("item_id", "=", itemId).execute();
  await trx.deleteFrom("content_targets").where("item_id", "=", itemId).execute();
  await trx.deleteFrom("content_cohort_targets").where("item_id", "=", itemId).execute();
  const texts = SHARE_NETWORKS.flatMap((network) => {
    const entry = input.shareTexts[network];
    const text = entry?.text.trim() ?? "";
    const subject = network === "email" ? entry?.subject?.trim() || null : null;
    return text || subject ? [{ item_id: itemId, network, text, subject }] : [];
  });
  if (texts.length) await trx.insertInto("content_share_texts").values(texts).execute();
  await writeShareVariants(trx, itemId, input.shareVariants ?? {});
  const topics = [...new Set(input.topics)];
  if (topics.length) await trx.insertInto("content_topics").values(topics.map((topic) => ({ item_id: itemId, topic }))).execute();
  const departments = [...new Set(input.departmentIds)];
  if (departments.length) await trx.insertInto("content_targets").values(departments.map((department_id) => ({ item_id: itemId, department_id }))).execute();
  const cohorts = [...new Set(input.cohortIds ?? [])];
  if (cohorts.length) await trx.insertInto("content_cohort_targets").values(cohorts.map((cohort_id) => ({ item_id: itemId, cohort_id }))).execute();
}

async function recordTransition(
  trx: DB,
  t: { itemId: string; from: ContentStatus | null; to: ContentStatus; actorId: string | null; comment?: string | null; at: number },
): Promise<void> {
  const last = await trx.selectFrom("content_transitions").select((eb) => eb.fn.max("seq").as("seq")).where("item_id", "=", t.itemId).executeTakeFirst();
  await trx
    .insertInto("content_transitions")
    .values({ id: newId(), item_id: t.itemId, seq: Number(last?.seq ?? 0) + 1, from_status: t.from, to_status: t.to, actor_id: t.actorId, comment: t.comment ?? null, at: t.at })
    .execute();
}

/** A new draft by an editor. `proposedBy` credits the person whose idea it was. */
export async function createContentItem(db: DB, actor: Actor, input: ContentInput, options: { proposedBy?: string | null; now?: number } = {}): Promise<ContentResult> {
  if (!actor.roles.includes("editor")) return { ok: false, error: "content.errors.roleRequired" };
  const problem = await checkReferences(db, input);
  if (problem) return { ok: false, ...problem };
  const now = options.now ?? Date.now();
  const id = newId();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("content_items")
      .values({
        id,
        title: input.title.trim(),
        commentary_md: input.commentary.trim(),
        destination_url: input.destinationUrl.trim(),
        image_url: input.imageUrl?.trim() || null,
        language: input.language,
        hashtags: input.hashtags.join(" "),
        search_text: searchTextOf(input.title, input.commentary),
        status: "draft",
        publish_at: input.publishAt,
        expire_at: input.expireAt,
        campaign_id: input.campaignId,
        created_by: actor.id,
        updated_by: actor.id,
        proposed_by: options.proposedBy ?? null,
        notify_now: input.notifyNow ? 1 : 0,
        submitted_at: null,
        approved_at: null,
        approved_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await writeChildren(trx, id, input);
    await recordTransition(trx, { itemId: id, from: null, to: "draft", actorId: actor.id, at: now });
  });
  return { ok: true, id, status: "draft" };
}

/**
 * Brings one item's stored status up to date with the clock, recording the scheduler's transitions
 * (approved → published at publish_at, → expired at expire_at). Returns the status now stored.
 */
async function materialiseItem(
  trx: DB,
  item: { id: string; status: ContentStatus; publish_at: number | null; expire_at: number | null; approved_at: number | null },
  now: number,
): Promise<{ status: ContentStatus; published: boolean; expired: boolean }> {
  let status = item.status;
  let published = false;
  const expiresNow = item.expire_at !== null && item.expire_at <= now;
  const publishable = status === "approved" && item.publish_at !== null && item.publish_at <= now && !(item.expire_at !== null && item.expire_at <= item.publish_at);
  if (publishable) {
    const at = Math.max(item.publish_at ?? now, item.approved_at ?? 0);
    const updated = await trx.updateTable("content_items").set({ status: "published" }).where("id", "=", item.id).where("status", "=", "approved").executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { status, published, expired: false };
    await recordTransition(trx, { itemId: item.id, from: "approved", to: "published", actorId: null, at });
    await announcePublication(trx, item.id, now);
    status = "published";
    published = true;
  }
  if (expiresNow && (status === "approved" || status === "published")) {
    const at = Math.max(item.expire_at ?? now, item.approved_at ?? 0);
    const updated = await trx.updateTable("content_items").set({ status: "expired" }).where("id", "=", item.id).where("status", "=", status).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { status, published, expired: false };
    await recordTransition(trx, { itemId: item.id, from: status, to: "expired", actorId: null, at });
    return { status: "expired", published, expired: true };
  }
  return { status, published, expired: false };
}

/**
 * Records the publish and expire transitions that time has made due. Queries never depend on it
 * (they derive visibility from publish_at/expire_at), so it can run lazily and on an interval.
 */
export async function materialiseLifecycle(db: DB, now = Date.now()): Promise<{ published: number; expired: number }> {
  const due = await db
    .selectFrom("content_items")
    .select(["id", "status", "publish_at", "expire_at", "approved_at"])
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "approved"), eb("publish_at", "<=", now)]),
        eb.and([eb("status", "in", ["approved", "published"]), eb("expire_at", "<=", now)]),
      ]),
    )
    .execute();
  const result = { published: 0, expired: 0 };
  for (const item of due) {
    const done = await inTransaction(db, (trx) => materialiseItem(trx, item, now));
    if (done.published) result.published += 1;
    if (done.expired) result.expired += 1;
  }
  return result;
}

async function loadForWorkflow(db: DB, id: string) {
  return db
    .selectFrom("content_items")
    .select(["id", "title", "destination_url", "status", "publish_at", "expire_at", "approved_at", "created_by", "updated_by", "proposed_by"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Saves an editor's changes; an approved or published item goes back to draft for a new review. */
export async function updateContentItem(db: DB, actor: Actor, id: string, input: ContentInput, now = Date.now()): Promise<ContentResult> {
  if (!actor.roles.includes("editor")) return { ok: false, error: "content.errors.roleRequired" };
  const problem = await checkReferences(db, input);
  if (problem) return { ok: false, ...problem };
  return inTransaction(db, async (trx): Promise<ContentResult> => {
    const item = await loadForWorkflow(trx, id);
    if (!item) return { ok: false, error: "content.errors.notFound" };
    const { status: stored } = await materialiseItem(trx, item, now);
    if (!EDITABLE_STATUSES.includes(stored)) return { ok: false, error: "content.errors.notAllowedInState" };
    const reopen = WORKFLOW.reopen.from.includes(stored);
    const status: ContentStatus = reopen ? "draft" : stored;
    const previousCampaign = await trx.selectFrom("content_items").select("campaign_id").where("id", "=", id).executeTakeFirst();
    const updated = await trx
      .updateTable("content_items")
      .set({
        title: input.title.trim(),
        commentary_md: input.commentary.trim(),
        destination_url: input.destinationUrl.trim(),
        image_url: input.imageUrl?.trim() || null,
        language: input.language,
        hashtags: input.hashtags.join(" "),
        search_text: searchTextOf(input.title, input.commentary),
        publish_at: input.publishAt,
        expire_at: input.expireAt,
        campaign_id: input.campaignId,
        updated_by: actor.id,
        updated_at: now,
        status,
        ...(input.notifyNow === undefined ? {} : { notify_now: input.notifyNow ? 1 : 0 }),
        ...(reopen ? { approved_at: null, approved_by: null, submitted_at: null } : {}),
      })
      .where("id", "=", id)
      .where("status", "=", stored)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: "content.errors.changedMeanwhile" };
    await moveRollups(trx, "item", id, "campaign", previousCampaign?.campaign_id ?? null, input.campaignId);
    await writeChildren(trx, id, input);
    if (reopen) await recordTransition(trx, { itemId: id, from: stored, to: "draft", actorId: actor.id, comment: null, at: now });
    return { ok: true, id, status };
  });
}

export type TransitionResult =
  | { ok: true; status: ContentStatus }
  | { ok: false; error: Refusal | "content.errors.notFound" | typeof TOO_LONG_WITH_DISCLOSURE };

/**
 * Applies a person's workflow action. The status change and its record in content_transitions
 * happen in one transaction, and only if the item is still in the state the check saw.
 */
export async function transitionContent(
  db: DB,
  actor: Actor,
  id: string,
  action: UserContentAction,
  options: { comment?: string | null; now?: number } = {},
): Promise<TransitionResult> {
  const now = options.now ?? Date.now();
  const comment = options.comment?.trim() || null;
  return inTransaction(db, async (trx): Promise<TransitionResult> => {
    const item = await loadForWorkflow(trx, id);
    if (!item) return { ok: false, error: "content.errors.notFound" };
    const { status: from } = await materialiseItem(trx, item, now);
    const refusal = refusalFor(action, { ...item, status: from }, actor, now);
    if (refusal) return { ok: false, error: refusal };
    if (action === "request_changes" && !comment) return { ok: false, error: "content.errors.commentRequired" };
    if (action === "submit" && (!item.title.trim() || !isHttpUrl(item.destination_url))) return { ok: false, error: "content.errors.incomplete" };
    if ((action === "submit" || action === "approve") && (await storedItemTooLong(trx, id))) return { ok: false, error: TOO_LONG_WITH_DISCLOSURE };
    const to = WORKFLOW[action as ContentAction].to;
    const changes = {
      status: to,
      updated_at: now,
      ...(action === "submit" ? { submitted_at: now } : {}),
      ...(action === "approve" ? { approved_at: now, approved_by: actor.id, publish_at: item.publish_at ?? now } : {}),
      ...(action === "withdraw" || action === "restore" ? { submitted_at: null, approved_at: null, approved_by: null } : {}),
    };
    const updated = await trx.updateTable("content_items").set(changes).where("id", "=", id).where("status", "=", from).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: "content.errors.changedMeanwhile" };
    await recordTransition(trx, { itemId: id, from, to, actorId: actor.id, comment, at: now });
    if (action === "approve") {
      await recordApprovedVersion(trx, id, actor.id, now);
      const { status } = await materialiseItem(trx, { ...item, status: "approved", publish_at: item.publish_at ?? now, approved_at: now }, now);
      return { ok: true, status };
    }
    return { ok: true, status: to };
  });
}
