import type { IdeaKind, IdeaTopic, Locale } from "#db/schema";
import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { createContentItem, type Actor } from "./items.server";
import { isLocale } from "~/utils/i18n";
import { awardPoints } from "~/models/scoring/points.server";
import { notify } from "~/models/notifications/notify.server";
import { notifyVoters } from "~/models/ideas/status.server";
import { isChampionOf, type ChampionScope } from "~/models/champions/champions.server";

/** A content idea can still be accepted or declined while it is new or under review. */
const OPEN_STATUSES = ["pending", "under_review"] as const;
const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

export interface IdeaInput {
  kind: IdeaKind;
  url: string | null;
  text: string | null;
  reason: string | null;
  /** What it is about on the board (content to share unless said). */
  topic?: IdeaTopic;
  /** Hide the proposer's name from colleagues on the board (editors still see it). */
  anonymous?: boolean;
  /** The group a champion proposes content for; its draft is targeted there. Kept only for the group's champions. */
  group?: ChampionScope | null;
}

export async function proposeIdea(db: DB, proposerId: string, input: IdeaInput, now = Date.now()): Promise<string> {
  const id = newId();
  const group = input.group && (input.topic ?? "content") === "content" && (await isChampionOf(db, proposerId, input.group)) ? input.group : null;
  await db
    .insertInto("ideas")
    .values({
      id,
      proposer_id: proposerId,
      kind: input.kind,
      url: input.kind === "url" ? input.url?.trim() || null : null,
      text: input.kind === "post" ? input.text?.trim() || null : null,
      reason: input.reason?.trim() || null,
      status: "pending",
      decline_reason: null,
      decided_by: null,
      decided_at: null,
      content_item_id: null,
      created_at: now,
      topic: input.topic ?? "content",
      anonymous: input.anonymous ? 1 : 0,
      for_cohort_id: group?.kind === "cohort" ? group.id : null,
      for_department_id: group?.kind === "department" ? group.id : null,
    })
    .execute();
  return id;
}

/** The proposer's own ideas, newest first, with what became of them. */
export async function listMyIdeas(db: DB, userId: string) {
  return db
    .selectFrom("ideas")
    .leftJoin("content_items", "content_items.id", "ideas.content_item_id")
    .select([
      "ideas.id",
      "ideas.kind",
      "ideas.url",
      "ideas.text",
      "ideas.reason",
      "ideas.status",
      "ideas.topic",
      "ideas.decline_reason",
      "ideas.decided_at",
      "ideas.created_at",
      "content_items.id as item_id",
      "content_items.status as item_status",
      "content_items.publish_at as item_publish_at",
      "content_items.expire_at as item_expire_at",
    ])
    .where("ideas.proposer_id", "=", userId)
    .orderBy("ideas.created_at", "desc")
    .orderBy("ideas.id")
    .limit(100)
    .execute();
}

const ideaColumns = [
  "ideas.id",
  "ideas.kind",
  "ideas.url",
  "ideas.text",
  "ideas.reason",
  "ideas.status",
  "ideas.decline_reason",
  "ideas.decided_at",
  "ideas.created_at",
  "ideas.proposer_id",
  "ideas.content_item_id",
  "proposer.name as proposer_name",
  "departments.name as department_name",
] as const;

/** Content ideas waiting for an editor to accept or decline, oldest first (other topics are decided on the board). */
export async function listPendingIdeas(db: DB) {
  return db
    .selectFrom("ideas")
    .innerJoin("users as proposer", "proposer.id", "ideas.proposer_id")
    .leftJoin("departments", "departments.id", "proposer.department_id")
    .leftJoin("cohorts as for_cohort", "for_cohort.id", "ideas.for_cohort_id")
    .leftJoin("departments as for_department", "for_department.id", "ideas.for_department_id")
    .select([...ideaColumns, "for_cohort.name as for_cohort_name", "for_department.name as for_department_name"])
    .where("ideas.status", "in", OPEN_STATUSES)
    .where("ideas.topic", "=", "content")
    .orderBy("ideas.created_at", "asc")
    .orderBy("ideas.id")
    .execute();
}

export async function listDecidedIdeas(db: DB, limit = 20) {
  return db
    .selectFrom("ideas")
    .innerJoin("users as proposer", "proposer.id", "ideas.proposer_id")
    .leftJoin("departments", "departments.id", "proposer.department_id")
    .leftJoin("users as decider", "decider.id", "ideas.decided_by")
    .select([...ideaColumns, "decider.name as decided_by_name"])
    .where("ideas.status", "in", ["accepted", "declined"])
    .orderBy("ideas.decided_at", "desc")
    .orderBy("ideas.id")
    .limit(limit)
    .execute();
}

const firstLine = (text: string) => text.trim().split(/\r?\n/u)[0].trim();

function draftTitle(idea: { kind: IdeaKind; url: string | null; text: string | null; reason: string | null }): string {
  const source = firstLine(idea.text ?? "") || firstLine(idea.reason ?? "") || idea.url || "—";
  return source.length > 100 ? `${source.slice(0, 99).trimEnd()}…` : source;
}

export type IdeaDecision = { ok: true; itemId: string | null } | { ok: false; error: "content.ideas.errors.notPending" | "content.ideas.errors.ownIdea" | "content.errors.roleRequired" };

/**
 * Accepting turns the idea into a draft credited to the proposer (proposed_by), marks the idea
 * accepted and gives the proposer the scheme's points for an accepted idea, all in one transaction.
 */
export async function acceptIdea(db: DB, editor: Actor, ideaId: string, now = Date.now()): Promise<IdeaDecision> {
  if (!editor.roles.includes("editor")) return { ok: false, error: "content.errors.roleRequired" };
  return inTransaction(db, async (trx): Promise<IdeaDecision> => {
    const idea = await trx
      .selectFrom("ideas")
      .innerJoin("users", "users.id", "ideas.proposer_id")
      .select([
        "ideas.id",
        "ideas.kind",
        "ideas.topic",
        "ideas.url",
        "ideas.text",
        "ideas.reason",
        "ideas.status",
        "ideas.proposer_id",
        "ideas.for_cohort_id",
        "ideas.for_department_id",
        "users.locale",
      ])
      .where("ideas.id", "=", ideaId)
      .executeTakeFirst();
    if (!idea || !isOpen(idea.status) || idea.topic !== "content") return { ok: false, error: "content.ideas.errors.notPending" };
    if (idea.proposer_id === editor.id) return { ok: false, error: "content.ideas.errors.ownIdea" };
    const language: Locale = isLocale(idea.locale) ? idea.locale : "es";
    const post = idea.kind === "post" ? (idea.text ?? "") : "";
    const created = await createContentItem(
      trx,
      editor,
      {
        title: draftTitle(idea),
        commentary: idea.reason ?? "",
        destinationUrl: idea.url ?? "",
        imageUrl: null,
        language,
        campaignId: null,
        topics: [],
        hashtags: [],
        // A champion's idea for their group: the draft is meant for that group unless the editor widens it.
        departmentIds: idea.for_department_id ? [idea.for_department_id] : [],
        cohortIds: idea.for_cohort_id ? [idea.for_cohort_id] : [],
        publishAt: null,
        expireAt: null,
        shareTexts: post ? { linkedin: { text: post }, facebook: { text: post }, whatsapp: { text: post } } : {},
      },
      { proposedBy: idea.proposer_id, now },
    );
    if (!created.ok) return { ok: false, error: "content.errors.roleRequired" };
    const updated = await trx
      .updateTable("ideas")
      .set({ status: "accepted", decided_by: editor.id, decided_at: now, status_changed_at: now, content_item_id: created.id })
      .where("id", "=", ideaId)
      .where("status", "=", idea.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Error("idea decided concurrently");
    await awardPoints(trx, { userId: idea.proposer_id, action: "idea_accepted", referenceType: "idea", referenceId: ideaId, at: now });
    await notify(trx, { userId: idea.proposer_id, kind: "idea_accepted", params: { title: draftTitle(idea) }, link: "/ideas" }, now);
    await notifyVoters(trx, { id: ideaId, proposer_id: idea.proposer_id, title: draftTitle(idea) }, "accepted", now);
    return { ok: true, itemId: created.id };
  });
}

export async function declineIdea(db: DB, editor: Actor, ideaId: string, reason: string, now = Date.now()): Promise<IdeaDecision> {
  if (!editor.roles.includes("editor")) return { ok: false, error: "content.errors.roleRequired" };
  const idea = await db.selectFrom("ideas").select(["status", "proposer_id", "kind", "url", "text", "reason"]).where("id", "=", ideaId).executeTakeFirst();
  if (!idea || !isOpen(idea.status)) return { ok: false, error: "content.ideas.errors.notPending" };
  if (idea.proposer_id === editor.id) return { ok: false, error: "content.ideas.errors.ownIdea" };
  return inTransaction(db, async (trx): Promise<IdeaDecision> => {
    const updated = await trx
      .updateTable("ideas")
      .set({ status: "declined", decline_reason: reason.trim(), decided_by: editor.id, decided_at: now, status_changed_at: now })
      .where("id", "=", ideaId)
      .where("status", "=", idea.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, error: "content.ideas.errors.notPending" };
    await notify(trx, { userId: idea.proposer_id, kind: "idea_declined", params: { title: draftTitle(idea) }, link: "/ideas" }, now);
    await notifyVoters(trx, { id: ideaId, proposer_id: idea.proposer_id, title: draftTitle(idea) }, "declined", now);
    return { ok: true, itemId: null };
  });
}
