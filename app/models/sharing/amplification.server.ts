import type { DB } from "~/utils/db.server";
import { getSetting, setSetting } from "~/models/core/settings.server";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";

/** What a click or a thousand impressions would have cost as paid media, per network. */
export interface EmvRates {
  currency: string;
  cpc: Record<ShareNetwork, number>;
  cpm: Record<ShareNetwork, number>;
}

export const DEFAULT_EMV_RATES: EmvRates = {
  currency: "EUR",
  cpc: { linkedin: 3.5, x: 0.9, facebook: 0.8, whatsapp: 0.5, email: 0.4 },
  cpm: { linkedin: 8, x: 5, facebook: 6, whatsapp: 2, email: 1.5 },
};

const EMV_KEY = "amplification.emvRates";

export async function getEmvRates(db: DB): Promise<EmvRates> {
  const raw = await getSetting(db, EMV_KEY);
  if (!raw) return DEFAULT_EMV_RATES;
  try {
    const stored = JSON.parse(raw) as Partial<EmvRates>;
    return {
      currency: typeof stored.currency === "string" ? stored.currency : DEFAULT_EMV_RATES.currency,
      cpc: { ...DEFAULT_EMV_RATES.cpc, ...stored.cpc },
      cpm: { ...DEFAULT_EMV_RATES.cpm, ...stored.cpm },
    };
  } catch {
    return DEFAULT_EMV_RATES;
  }
}

export async function setEmvRates(db: DB, rates: EmvRates): Promise<void> {
  await setSetting(db, EMV_KEY, JSON.stringify(rates));
}

/** Earned media value: unique clicks at the network's cost per click plus reach at its cost per thousand. */
export function earnedMediaValue(rates: EmvRates, network: ShareNetwork, uniqueClicks: number, reach: number): number {
  return uniqueClicks * rates.cpc[network] + (reach / 1000) * rates.cpm[network];
}

export const clickThroughRate = (clicks: number, reach: number) => (reach > 0 ? clicks / reach : 0);

export async function getFollowerCounts(db: DB, userId: string): Promise<Record<ShareNetwork, number>> {
  const rows = await db.selectFrom("follower_counts").select(["network", "followers"]).where("user_id", "=", userId).execute();
  const counts = Object.fromEntries(SHARE_NETWORKS.map((n) => [n, 0])) as Record<ShareNetwork, number>;
  for (const row of rows)
    if ((SHARE_NETWORKS as readonly string[]).includes(row.network)) counts[row.network as ShareNetwork] = row.followers;
  return counts;
}

export async function setFollowerCounts(db: DB, userId: string, counts: Record<ShareNetwork, number>): Promise<void> {
  const now = Date.now();
  await db
    .insertInto("follower_counts")
    .values(SHARE_NETWORKS.map((network) => ({ user_id: userId, network, followers: counts[network], updated_at: now })))
    .onConflict((oc) =>
      oc
        .columns(["user_id", "network"])
        .doUpdateSet((eb) => ({ followers: eb.ref("excluded.followers"), updated_at: eb.ref("excluded.updated_at") })),
    )
    .execute();
}
