/**
 * The content editor's form: one zod schema for the browser (react-hook-form) and the action,
 * with the per-network length checks that the editor also shows live.
 */
import * as z from "zod";
import { LOCALES } from "#db/schema";
import { checkboxList, optionalId, requiredText } from "~/utils/form-fields";
import { isLocalDateTime, parseLocalDateTime } from "~/models/core/dates";
import { EMAIL_SUBJECT_LIMIT, isHttpUrl, MAX_URL_LENGTH, NETWORK_LIMITS, parseHashtags, parseTopics, shareLength } from "./text";
import { SHARE_NETWORKS, type ShareNetwork } from "~/models/core/networks";
import { orderedTexts, VARIANT_FIELDS, type VariantField } from "./share-variants";

/** Run the cross-field checks even when a field already failed, so every problem is reported at once. */
const ALWAYS = { when: () => true };

const text = (max: number) => z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).max(max, "validation.tooLong"));

const url = () =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(MAX_URL_LENGTH, "validation.tooLong")
    .refine(isHttpUrl, "content.errors.url");

const optionalUrl = () =>
  text(MAX_URL_LENGTH)
    .transform((v) => v.trim())
    .refine((v) => v === "" || isHttpUrl(v), "content.errors.url");

const dateTime = () =>
  text(16)
    .transform((v) => v.trim())
    .refine((v) => v === "" || isLocalDateTime(v), "content.errors.dateTime");

export const shareField = (network: ShareNetwork) => `share_${network}` as const;

/** The extra variants' fields: the same limit as the network's main text (X counted in superRefine). */
const variantFields = Object.fromEntries(
  VARIANT_FIELDS.map(({ network, field }) => [field, text(network === "x" ? 2000 : NETWORK_LIMITS[network])]),
) as Record<VariantField, ReturnType<typeof text>>;

export const ContentSchema = z
  .object({
    intent: z.enum(["save", "submit"]).catch("save"),
    title: requiredText(140),
    commentary: text(5000),
    destinationUrl: url(),
    imageUrl: optionalUrl(),
    language: z.enum(LOCALES, { error: "validation.required" }),
    campaignId: optionalId(),
    topics: text(500).refine((v) => parseTopics(v) !== null, "content.errors.topics"),
    hashtags: text(600).refine((v) => parseHashtags(v) !== null, "content.errors.hashtags"),
    departmentIds: checkboxList(z.string().max(100)),
    cohortIds: checkboxList(z.string().max(100)),
    publishAt: dateTime(),
    expireAt: dateTime(),
    /** A checkbox: "1" when ticked (true from the browser's form state). */
    notifyNow: z.preprocess((v) => v === "1" || v === true, z.boolean()),
    share_linkedin: text(NETWORK_LIMITS.linkedin),
    share_x: text(2000),
    share_facebook: text(NETWORK_LIMITS.facebook),
    share_whatsapp: text(NETWORK_LIMITS.whatsapp),
    share_email: text(NETWORK_LIMITS.email),
    share_email_subject: text(EMAIL_SUBJECT_LIMIT),
    ...variantFields,
  })
  .superRefine((value, ctx) => {
    const hashtags = typeof value.hashtags === "string" ? (parseHashtags(value.hashtags) ?? []) : [];
    for (const network of SHARE_NETWORKS) {
      const body = value[shareField(network)];
      if (typeof body === "string" && body.trim() && shareLength(network, body, hashtags) > NETWORK_LIMITS[network]) {
        ctx.addIssue({ code: "custom", path: [shareField(network)], message: "content.errors.tooLongForNetwork" });
      }
    }
    for (const { network, field } of VARIANT_FIELDS) {
      const body = value[field];
      if (typeof body === "string" && body.trim() && shareLength(network, body, hashtags) > NETWORK_LIMITS[network]) {
        ctx.addIssue({ code: "custom", path: [field], message: "content.errors.tooLongForNetwork" });
      }
    }
    // Same format on both sides, so the strings compare like the times they stand for.
    if (typeof value.publishAt === "string" && typeof value.expireAt === "string" && value.publishAt && value.expireAt && value.expireAt <= value.publishAt) {
      ctx.addIssue({ code: "custom", path: ["expireAt"], message: "content.errors.expireBeforePublish" });
    }
  }, ALWAYS);

export type ContentFormValues = z.output<typeof ContentSchema>;

/** What was posted, to fill the form in again after a refusal (pages rendered without JavaScript keep what was typed). */
export function submittedValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.length > 40) continue;
    const previous = values[key];
    values[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return values;
}

/** The parsed form as the model's input; times are wall-clock in the organisation's zone. */
export function toContentInput(values: ContentFormValues, timeZone: string) {
  return {
    title: values.title,
    commentary: values.commentary,
    destinationUrl: values.destinationUrl,
    imageUrl: values.imageUrl || null,
    language: values.language,
    campaignId: values.campaignId,
    topics: parseTopics(values.topics) ?? [],
    hashtags: parseHashtags(values.hashtags) ?? [],
    departmentIds: values.departmentIds,
    cohortIds: values.cohortIds,
    publishAt: values.publishAt ? parseLocalDateTime(values.publishAt, timeZone) : null,
    expireAt: values.expireAt ? parseLocalDateTime(values.expireAt, timeZone) : null,
    notifyNow: values.notifyNow,
    shareTexts: Object.fromEntries(
      SHARE_NETWORKS.map((network) => [network, { text: networkTexts(values, network)[0] ?? "", subject: network === "email" ? values.share_email_subject : null }]),
    ),
    shareVariants: Object.fromEntries(SHARE_NETWORKS.map((network) => [network, networkTexts(values, network).slice(1)])),
  };
}

/** A network's texts as the editor wrote them (main, then variants), blanks and repeats left out. */
function networkTexts(values: ContentFormValues, network: ShareNetwork): string[] {
  return orderedTexts([values[shareField(network)], ...VARIANT_FIELDS.filter((f) => f.network === network).map((f) => values[f.field])]);
}
