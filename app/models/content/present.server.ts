/** Turns stored items into what the pages show: effective status, readable dates, rendered commentary, lengths. */
import type { Locale } from "#db/schema";
import type { ContentItemDetail } from "~/models/content/item-queries.server";
import { formatDateTime, toLocalDateTimeInput } from "~/models/core/dates";
import { renderCommentary } from "~/models/core/markdown.server";
import { appendedHashtags, NETWORK_LIMITS, shareLength } from "./text";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { effectiveStatus } from "./workflow";
import type { ContentFormValues } from "./schema";
import { VARIANT_FIELDS } from "./share-variants";

export interface PresentedShareText {
  network: ShareNetwork;
  text: string;
  subject: string | null;
  length: number;
  limit: number;
  /** Hashtags the post gets on top of the text. */
  appended: string[];
}

export function presentShareTexts(shareTexts: Partial<Record<ShareNetwork, { text: string; subject: string | null }>>, hashtags: string[]): PresentedShareText[] {
  return SHARE_NETWORKS.flatMap((network) => {
    const entry = shareTexts[network];
    if (!entry) return [];
    return [
      {
        network,
        text: entry.text,
        subject: entry.subject,
        length: shareLength(network, entry.text, hashtags),
        limit: NETWORK_LIMITS[network],
        appended: appendedHashtags(network, entry.text, hashtags),
      },
    ];
  });
}

/** The preview the editor, the reviewer and the item page share. */
export function presentItem(item: ContentItemDetail, locale: Locale, timeZone: string, now = Date.now()) {
  const when = (at: number | null) => formatDateTime(at, locale, timeZone);
  return {
    id: item.id,
    title: item.title,
    commentaryHtml: renderCommentary(item.commentary_md),
    destinationUrl: item.destination_url,
    imageUrl: item.image_url,
    language: item.language,
    status: effectiveStatus(item, now),
    hashtags: item.hashtagList,
    topics: item.topics,
    departments: item.departments.map((d) => d.name),
    campaignName: item.campaign_name,
    publishAt: when(item.publish_at),
    expireAt: when(item.expire_at),
    submittedAt: when(item.submitted_at),
    waitingMs: item.status === "in_review" && item.submitted_at !== null ? Math.max(0, now - item.submitted_at) : null,
    createdBy: item.created_by_name,
    updatedBy: item.updated_by_name,
    proposedBy: item.proposed_by_name,
    approvedBy: item.approved_by_name,
    approvedAt: when(item.approved_at),
    shareTexts: presentShareTexts(item.shareTexts, item.hashtagList),
    shareVariants: presentShareVariants(item.shareVariants, item.hashtagList),
    history: item.history.map((h) => ({ id: h.id, from: h.from_status, to: h.to_status, actor: h.actor_name, system: h.actor_id === null, comment: h.comment, at: when(h.at) })),
  };
}

export type PresentedItem = ReturnType<typeof presentItem>;

/** The editor form's starting values for an existing item. */
export function formDefaults(item: ContentItemDetail, timeZone: string): Partial<Record<keyof ContentFormValues, string | string[]>> {
  return {
    title: item.title,
    commentary: item.commentary_md,
    destinationUrl: item.destination_url,
    imageUrl: item.image_url ?? "",
    language: item.language,
    campaignId: item.campaign_id ?? "",
    topics: item.topics.join(", "),
    hashtags: item.hashtagList.join(" "),
    departmentIds: item.departments.map((d) => d.id),
    cohortIds: item.cohortIds,
    publishAt: toLocalDateTimeInput(item.publish_at, timeZone),
    expireAt: toLocalDateTimeInput(item.expire_at, timeZone),
    notifyNow: item.notify_now ? "1" : "",
    share_linkedin: item.shareTexts.linkedin?.text ?? "",
    share_x: item.shareTexts.x?.text ?? "",
    share_facebook: item.shareTexts.facebook?.text ?? "",
    share_whatsapp: item.shareTexts.whatsapp?.text ?? "",
    share_email: item.shareTexts.email?.text ?? "",
    share_email_subject: item.shareTexts.email?.subject ?? "",
    ...Object.fromEntries(VARIANT_FIELDS.map(({ network, variant, field }) => [field, item.shareVariants[network]?.[variant - 2] ?? ""])),
  };
}

/** The approved alternatives (variants 2, 3) per network, counted like the main texts. */
function presentShareVariants(variants: ContentItemDetail["shareVariants"], hashtags: string[]) {
  return SHARE_NETWORKS.flatMap((network) =>
    (variants[network] ?? []).map((text, i) => ({
      network,
      variant: i + 2,
      text,
      length: shareLength(network, text, hashtags),
      limit: NETWORK_LIMITS[network],
    })),
  );
}

