import type { Role } from "#db/schema";
import { createContentItem, transitionContent, type Actor, type ContentInput } from "~/models/content/items.server";
import { db } from "~/utils/db.server";
import { createTestUser, type TestUser } from "../support/http";

export type TestActor = TestUser & Actor;

export async function createActor(roles: Role[], departmentId: string | null = null): Promise<TestActor> {
  const user = await createTestUser({ roles, departmentId });
  return { ...user, roles };
}

export function contentInput(overrides: Partial<ContentInput> = {}): ContentInput {
  return {
    title: "Nueva cobertura de fibra en Valencia",
    commentary: "Llegamos a **20 000 hogares** más.",
    destinationUrl: "https://example.com/news/fibre-valencia",
    imageUrl: null,
    language: "es",
    campaignId: null,
    topics: ["fibra"],
    hashtags: ["#Fibra"],
    departmentIds: [],
    publishAt: null,
    expireAt: null,
    shareTexts: { linkedin: { text: "Más fibra para Valencia." }, x: { text: "Más fibra para Valencia" } },
    ...overrides,
  };
}

/** Drafted by `editor`, submitted, approved by `reviewer` at `at`; returns the item id. */
export async function approvedItem(editor: Actor, reviewer: Actor, overrides: Partial<ContentInput> = {}, at = Date.now()): Promise<string> {
  const created = await createContentItem(db, editor, contentInput(overrides), { now: at });
  if (!created.ok) throw new Error(created.error);
  const submitted = await transitionContent(db, editor, created.id, "submit", { now: at });
  if (!submitted.ok) throw new Error(submitted.error);
  const approved = await transitionContent(db, reviewer, created.id, "approve", { now: at });
  if (!approved.ok) throw new Error(approved.error);
  return created.id;
}

export async function statusOf(id: string) {
  return (await db.selectFrom("content_items").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
}

export async function transitionsOf(id: string) {
  return db.selectFrom("content_transitions").select(["from_status", "to_status", "actor_id", "comment", "at"]).where("item_id", "=", id).orderBy("seq").execute();
}
