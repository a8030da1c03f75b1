/**
 * Guardrails on employees' edits of share texts: the admins' blocked phrases (each optionally tied to a
 * rule of the published social media guideline, the decálogo) and the disclosure each network's post must
 * keep, plus reviewers' locks (`~/models/content/text-locks.server`). The matching itself is
 * `./guardrail-match`, which the share dialog runs too; `shareGuardrailProblem` is the server's check.
 */
import type { Locale } from "#db/schema";
import type { DB } from "~/utils/db.server";
import { newId } from "~/utils/crypto.server";
import { recordAudit } from "~/models/audit/record.server";
import { composeShareText } from "~/models/content/text";
import { pickLanguage } from "~/models/core/locale";
import { isShareNetwork, SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { getDocumentBySlug, getVersionWithStatus, loadTexts } from "~/models/guidelines/documents.server";
import { lockedNetworks } from "~/models/content/text-locks.server";
import {
  foldText,
  guardrailProblem,
  withDisclosure,
  type BlockedPhrase,
  type GuardrailProblem,
  type NetworkGuardrails,
} from "./guardrail-match";
import { trackedLinkUrl } from "./share-text";

/** The guideline whose numbered rules blocked phrases point to. */
export const DECALOGUE_SLUG = "social-media-decalogue";
export const MAX_PHRASE_LENGTH = 100;
export const MAX_RULE_TEXT_LENGTH = 300;
export const MAX_DISCLOSURE_LENGTH = 60;

const plain = (markdown: string) => markdown.replace(/[*_`]/g, "").trim();

/** The published decálogo's rules in the language (numbered from 1), or [] when none is published. */
export async function decalogueRules(db: DB, language: Locale): Promise<{ number: number; title: string }[]> {
  const document = await getDocumentBySlug(db, DECALOGUE_SLUG);
  const version = document ? await getVersionWithStatus(db, document.id, "published") : undefined;
  if (!version) return [];
  const picked = pickLanguage((await loadTexts(db, [version.id])).get(version.id) ?? {}, language);
  return picked ? picked.text.rules.map((rule, i) => ({ number: i + 1, title: plain(rule.title) })) : [];
}

/** Every blocked phrase with the rule it breaks as quoted to a reader of that language. */
export async function listBlockedPhrases(db: DB, language: Locale) {
  const [rows, rules] = await Promise.all([
    db.selectFrom("share_blocked_phrases").select(["id", "phrase", "rule_number", "rule_text"]).orderBy("folded").execute(),
    decalogueRules(db, language),
  ]);
  const titles = new Map(rules.map((r) => [r.number, r.title]));
  return rows.map((row) => {
    const title = row.rule_number === null ? undefined : titles.get(row.rule_number);
    const rule = row.rule_text ?? (row.rule_number === null ? null : title ? `${row.rule_number}. ${title}` : `${row.rule_number}.`);
    return { id: row.id, phrase: row.phrase, ruleNumber: row.rule_number, rule };
  });
}

export async function listDisclosures(db: DB): Promise<Partial<Record<ShareNetwork, string>>> {
  const rows = await db.selectFrom("share_disclosures").select(["network", "text"]).execute();
  return Object.fromEntries(rows.filter((r) => isShareNetwork(r.network)).map((r) => [r.network, r.text]));
}

export type GuardrailEditResult = { ok: true } | { ok: false; errors: Record<string, string> };

export async function addBlockedPhrase(
  db: DB,
  actorId: string,
  input: { phrase: string; ruleNumber: number | null; ruleText: string | null },
  now = Date.now(),
): Promise<GuardrailEditResult> {
  const phrase = input.phrase.trim().replace(/\s+/gu, " ");
  const folded = foldText(phrase);
  if (!folded) return { ok: false, errors: { phrase: "validation.required" } };
  if (phrase.length > MAX_PHRASE_LENGTH) return { ok: false, errors: { phrase: "validation.tooLong" } };
  const ruleText = input.ruleText?.trim() || null;
  if (ruleText && ruleText.length > MAX_RULE_TEXT_LENGTH) return { ok: false, errors: { ruleText: "validation.tooLong" } };
  const ruleNumber = ruleText ? null : input.ruleNumber;
  if (ruleNumber !== null && !(await decalogueRules(db, "es")).some((r) => r.number === ruleNumber)) {
    return { ok: false, errors: { ruleNumber: "guardrails.errors.unknownRule" } };
  }
  return db.transaction().execute(async (trx): Promise<GuardrailEditResult> => {
    const taken = await trx.selectFrom("share_blocked_phrases").select("id").where("folded", "=", folded).executeTakeFirst();
    if (taken) return { ok: false, errors: { phrase: "guardrails.errors.duplicatePhrase" } };
    const id = newId();
    await trx
      .insertInto("share_blocked_phrases")
      .values({ id, phrase, folded, rule_number: ruleNumber, rule_text: ruleText, created_by: actorId, created_at: now })
      .execute();
    await recordAudit(trx, {
      actorId,
      action: "guardrails.phrase_added",
      target: { type: "blocked_phrase", id, label: phrase },
      after: { ruleNumber, ruleText },
    });
    return { ok: true };
  });
}

export async function removeBlockedPhrase(db: DB, actorId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom("share_blocked_phrases").where("id", "=", id).returning("phrase").executeTakeFirst();
    if (row)
      await recordAudit(trx, { actorId, action: "guardrails.phrase_removed", target: { type: "blocked_phrase", id, label: row.phrase } });
  });
}

/** Sets (or, with an empty text, removes) the disclosure a network's posts must keep. */
export async function setDisclosures(db: DB, actorId: string, input: Partial<Record<ShareNetwork, string>>, now = Date.now()) {
  const texts = SHARE_NETWORKS.map((network) => ({ network, text: (input[network] ?? "").trim().replace(/\s+/gu, " ") }));
  const tooLong = texts.find((t) => t.text.length > MAX_DISCLOSURE_LENGTH);
  if (tooLong) return { ok: false as const, errors: { [`disclosure.${tooLong.network}`]: "validation.tooLong" } };
  await db.transaction().execute(async (trx) => {
    const before = await listDisclosures(trx);
    await trx.deleteFrom("share_disclosures").execute();
    const kept = texts.filter((t) => t.text);
    if (kept.length) {
      await trx
        .insertInto("share_disclosures")
        .values(kept.map((t) => ({ network: t.network, text: t.text, updated_by: actorId, updated_at: now })))
        .execute();
    }
    const after = Object.fromEntries(kept.map((t) => [t.network, t.text]));
    await recordAudit(trx, {
      actorId,
      action: "guardrails.disclosures_set",
      target: { type: "share_disclosures", id: null, label: "" },
      before,
      after,
    });
  });
  return { ok: true as const };
}

/** The text a network's post starts from: the suggested text with the disclosure, the item's hashtags and the link. */
export function draftText(network: ShareNetwork, suggested: string, hashtags: readonly string[], disclosure: string | null, link: string) {
  return composeShareText(network, withDisclosure(suggested, disclosure), hashtags, link);
}

interface ItemTexts {
  id: string;
  title: string;
  hashtagList: readonly string[];
  shareTexts: Partial<Record<ShareNetwork, { text: string } | undefined>>;
}

/** Everything the share dialog checks as the person types, per network (`disclosures`: when the caller has read them). */
export async function shareGuardrails(
  db: DB,
  item: ItemTexts,
  language: Locale,
  disclosures?: Partial<Record<ShareNetwork, string | null>>,
): Promise<Record<ShareNetwork, NetworkGuardrails>> {
  const [phrases, read, locked] = await Promise.all([
    listBlockedPhrases(db, language),
    disclosures ?? listDisclosures(db),
    lockedNetworks(db, item.id),
  ]);
  const quoted: BlockedPhrase[] = phrases.map((p) => ({ phrase: p.phrase, rule: p.rule }));
  const entries = SHARE_NETWORKS.map((network): [ShareNetwork, NetworkGuardrails] => {
    const disclosure = read[network] ?? null;
    const suggested = item.shareTexts[network]?.text ?? item.title;
    const lockedText = locked.includes(network) ? draftText(network, suggested, item.hashtagList, disclosure, "") : null;
    return [network, { phrases: quoted, disclosure, lockedText }];
  });
  return Object.fromEntries(entries) as Record<ShareNetwork, NetworkGuardrails>;
}

async function itemTexts(db: DB, itemId: string): Promise<ItemTexts | null> {
  const item = await db.selectFrom("content_items").select(["id", "title", "hashtags"]).where("id", "=", itemId).executeTakeFirst();
  if (!item) return null;
  const texts = await db.selectFrom("content_share_texts").select(["network", "text"]).where("item_id", "=", itemId).execute();
  return {
    id: item.id,
    title: item.title,
    hashtagList: item.hashtags ? item.hashtags.split(" ") : [],
    shareTexts: Object.fromEntries(texts.map((t) => [t.network, { text: t.text }])),
  };
}

/**
 * The server's check of a share before anything is written: the guardrail the text breaks, or null.
 * The person's tracked link (when they have one) is left out when comparing with a locked text.
 */
export async function shareGuardrailProblem(
  db: DB,
  input: {
    userId: string;
    itemId: string;
    network: ShareNetwork;
    text: string;
    origin: string;
    language: Locale;
    disclosures?: Partial<Record<ShareNetwork, string | null>>;
  },
): Promise<GuardrailProblem | null> {
  const item = await itemTexts(db, input.itemId);
  if (!item) return null;
  const link = await db
    .selectFrom("tracked_links")
    .select("code")
    .where("user_id", "=", input.userId)
    .where("item_id", "=", input.itemId)
    .where("network", "=", input.network)
    .executeTakeFirst();
  const guardrails = await shareGuardrails(db, item, input.language, input.disclosures);
  return guardrailProblem(input.text, link ? trackedLinkUrl(input.origin, link.code) : "", guardrails[input.network]);
}
