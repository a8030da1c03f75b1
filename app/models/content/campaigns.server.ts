import { newId } from "~/utils/crypto.server";
import { inTransaction, type DB } from "~/utils/db.server";
import { dropCampaignBuckets, recomputeCampaignBuckets } from "~/models/scoring/buckets.server";

export interface CampaignInput {
  name: string;
  description: string;
  goal: string | null;
  goalShares: number | null;
  goalUniqueClicks?: number | null;
  goalConversions?: number | null;
  /** Minor units of budgetCurrency; null: no budget. */
  budgetCents?: number | null;
  budgetCurrency?: string | null;
  startsAt: number;
  /** Exclusive. */
  endsAt: number;
}

/** Goals beyond shares and the budget; a budget without a currency is no budget. */
const resultFields = (input: CampaignInput) => ({
  goal_unique_clicks: input.goalUniqueClicks ?? null,
  goal_conversions: input.goalConversions ?? null,
  budget_cents: input.budgetCurrency ? (input.budgetCents ?? null) : null,
  budget_currency: input.budgetCents !== null && input.budgetCents !== undefined ? (input.budgetCurrency ?? null) : null,
});

export async function listCampaigns(db: DB) {
  return db
    .selectFrom("campaigns")
    .leftJoin("content_items", "content_items.campaign_id", "campaigns.id")
    .select([
      "campaigns.id",
      "campaigns.name",
      "campaigns.goal",
      "campaigns.goal_shares",
      "campaigns.starts_at",
      "campaigns.ends_at",
      (eb) => eb.fn.count<number>("content_items.id").as("items"),
    ])
    .groupBy(["campaigns.id", "campaigns.name", "campaigns.goal", "campaigns.goal_shares", "campaigns.starts_at", "campaigns.ends_at"])
    .orderBy("campaigns.starts_at", "desc")
    .orderBy("campaigns.name")
    .execute();
}

/** For the item editor's select: campaigns still running or to come first, then past ones. */
export async function campaignOptions(db: DB, now = Date.now()) {
  const rows = await db.selectFrom("campaigns").select(["id", "name", "ends_at"]).orderBy("starts_at", "desc").orderBy("name").execute();
  return [...rows.filter((r) => r.ends_at > now), ...rows.filter((r) => r.ends_at <= now)].map(({ id, name }) => ({ id, name }));
}

export async function getCampaign(db: DB, id: string) {
  return db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function createCampaign(db: DB, actorId: string, input: CampaignInput, now = Date.now()): Promise<string> {
  const id = newId();
  await inTransaction(db, async (trx) => {
    await insertCampaign(trx, id, actorId, input, now);
    // The campaign's leaderboard counts what already happened in its window.
    await recomputeCampaignBuckets(trx, id);
  });
  return id;
}

async function insertCampaign(db: DB, id: string, actorId: string, input: CampaignInput, now: number): Promise<void> {
  await db
    .insertInto("campaigns")
    .values({
      id,
      name: input.name.trim(),
      description: input.description.trim(),
      goal: input.goal?.trim() || null,
      goal_shares: input.goalShares,
      ...resultFields(input),
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateCampaign(db: DB, id: string, input: CampaignInput, now = Date.now()): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom("campaigns").select(["starts_at", "ends_at"]).where("id", "=", id).executeTakeFirst();
    const updated = await saveCampaign(trx, id, input, now);
    // A moved window changes what the campaign's leaderboard counts.
    if (updated && before && (before.starts_at !== input.startsAt || before.ends_at !== input.endsAt)) await recomputeCampaignBuckets(trx, id);
    return updated;
  });
}

async function saveCampaign(db: DB, id: string, input: CampaignInput, now: number): Promise<boolean> {
  const result = await db
    .updateTable("campaigns")
    .set({
      name: input.name.trim(),
      description: input.description.trim(),
      goal: input.goal?.trim() || null,
      goal_shares: input.goalShares,
      ...resultFields(input),
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      updated_at: now,
    })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Only a campaign without content can be deleted, so no item loses its campaign by accident. */
export async function deleteCampaign(db: DB, id: string): Promise<{ ok: true } | { ok: false; error: "content.campaigns.errors.hasContent" }> {
  const used = await db.selectFrom("content_items").select("id").where("campaign_id", "=", id).executeTakeFirst();
  if (used) return { ok: false, error: "content.campaigns.errors.hasContent" };
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom("campaigns").where("id", "=", id).execute();
    await dropCampaignBuckets(trx, id);
  });
  return { ok: true };
}
