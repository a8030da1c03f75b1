/**
 * Which approved text the share dialog offers, and the counters behind it.
 *
 * - Each share adds one to its variant's use counter (share_variant_uses) in the share's own
 *   transaction, as an atomic upsert, so simultaneous shares on two instances never lose a count.
 *   The dialog offers the least-used variant of the network first (ties: the lower number).
 * - A share whose posted text is exactly the variant's draft (suggested text, hashtags, link)
 *   also adds one to that variant's count for the local day (share_variant_days); from
 *   POPULAR_TEXT_THRESHOLD posts a day the dialog says so. Reads are primary-key lookups, never a
 *   scan of shares.
 */
import type { DB } from "~/utils/db.server";
import { draftText } from "./guardrails.server";
import { readShareVariants } from "~/models/content/share-variants.server";
import { POPULAR_TEXT_THRESHOLD } from "~/models/content/share-variants";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { formatLocalDate, localDate } from "~/models/core/periods";
import type { ShareNetwork } from "~/models/core/networks";
import { finalShareText } from "./share-text";

/** What of a feed item the variants need: its main texts, title and hashtags. */
export interface VariantSource {
  id: string;
  title: string;
  hashtagList: string[];
  shareTexts: Partial<Record<ShareNetwork, { text: string; subject: string | null }>>;
}

export interface VariantChoice {
  variant: number;
  /** The suggested text alone (no hashtags, no link). */
  text: string;
  /** Shares of this variant by everyone, ever. */
  uses: number;
  /** Posts of its exact text today (organisation's day). */
  today: number;
}

/** The network's approved texts, numbered: 1 is the main text (the title when there is none), then 2, 3. */
async function variantTexts(db: DB, item: VariantSource, network: ShareNetwork): Promise<{ variant: number; text: string }[]> {
  const extra = (await readShareVariants(db, item.id))[network] ?? [];
  return [item.shareTexts[network]?.text || item.title, ...extra].map((text, i) => ({ variant: i + 1, text }));
}

const dayOf = async (db: DB, at: number) => formatLocalDate(localDate(at, await getOrganisationTimeZone(db)));

/** The network's variants with their counts, least used first. */
export async function variantChoices(db: DB, item: VariantSource, network: ShareNetwork, now = Date.now()): Promise<VariantChoice[]> {
  const [texts, day] = await Promise.all([variantTexts(db, item, network), dayOf(db, now)]);
  const [uses, today] = await Promise.all([
    db
      .selectFrom("share_variant_uses")
      .select(["variant", "shares"])
      .where("item_id", "=", item.id)
      .where("network", "=", network)
      .execute(),
    db
      .selectFrom("share_variant_days")
      .select(["variant", "shares"])
      .where("item_id", "=", item.id)
      .where("network", "=", network)
      .where("day", "=", day)
      .execute(),
  ]);
  const usesOf = new Map(uses.map((u) => [u.variant, Number(u.shares)]));
  const todayOf = new Map(today.map((u) => [u.variant, Number(u.shares)]));
  return texts
    .map((t) => ({ ...t, uses: usesOf.get(t.variant) ?? 0, today: todayOf.get(t.variant) ?? 0 }))
    .sort((a, b) => a.uses - b.uses || a.variant - b.variant);
}

export const isPopularToday = (choice: VariantChoice) => choice.today >= POPULAR_TEXT_THRESHOLD;

/** The draft the dialog starts from for a variant: its text after the network's disclosure, the hashtags and the person's link. */
export const variantDraft = (item: VariantSource, network: ShareNetwork, text: string, trackedUrl: string, disclosure: string | null) =>
  draftText(network, text, item.hashtagList, disclosure, trackedUrl);

/**
 * Counts a share for its variant (an unknown number counts as the main text), and for the day
 * when the post is that variant's exact draft (with the network's disclosure, read by the caller
 * before the transaction). Call inside the share's transaction.
 */
export async function countVariantShare(
  trx: DB,
  share: {
    item: VariantSource;
    network: ShareNetwork;
    variant: number | null | undefined;
    finalText: string;
    trackedUrl: string;
    disclosure: string | null;
    at: number;
  },
): Promise<void> {
  const texts = await variantTexts(trx, share.item, share.network);
  const chosen = texts.find((t) => t.variant === share.variant) ?? texts[0];
  const key = { item_id: share.item.id, network: share.network, variant: chosen.variant };
  await trx
    .insertInto("share_variant_uses")
    .values({ ...key, shares: 1 })
    .onConflict((oc) =>
      oc.columns(["item_id", "network", "variant"]).doUpdateSet((eb) => ({ shares: eb("share_variant_uses.shares", "+", 1) })),
    )
    .execute();
  const draft = variantDraft(share.item, share.network, chosen.text, share.trackedUrl, share.disclosure);
  const exact = finalShareText(draft, share.trackedUrl) === share.finalText;
  if (!exact) return;
  await trx
    .insertInto("share_variant_days")
    .values({ ...key, day: await dayOf(trx, share.at), shares: 1 })
    .onConflict((oc) =>
      oc.columns(["item_id", "network", "variant", "day"]).doUpdateSet((eb) => ({ shares: eb("share_variant_days.shares", "+", 1) })),
    )
    .execute();
}

export interface VariantOffer {
  network: ShareNetwork;
  /** The variant the dialog's text starts from. */
  chosen: number;
  /** Least used first. */
  options: (VariantChoice & { popular: boolean })[];
  popular: boolean;
  today: number;
}

/**
 * The dialog's choice for the selected network: the requested variant, else the least used; the
 * network's draft starts from its text.
 */
export async function variantOffer<D extends { network: ShareNetwork; text: string; trackedUrl: string }>(
  db: DB,
  item: VariantSource,
  drafts: D[],
  choice: { network: ShareNetwork; requested: number | null; now?: number; disclosure?: string | null },
): Promise<{ drafts: D[]; offer: VariantOffer }> {
  const choices = await variantChoices(db, item, choice.network, choice.now);
  const chosen = choices.find((c) => c.variant === choice.requested) ?? choices[0];
  return {
    drafts: drafts.map((d) =>
      d.network === choice.network
        ? { ...d, text: variantDraft(item, d.network, chosen.text, d.trackedUrl, choice.disclosure ?? null) }
        : d,
    ),
    offer: {
      network: choice.network,
      chosen: chosen.variant,
      options: choices.map((c) => ({ ...c, popular: isPopularToday(c) })),
      popular: isPopularToday(chosen),
      today: chosen.today,
    },
  };
}
