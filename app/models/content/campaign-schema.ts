import * as z from "zod";
import { requiredText } from "~/utils/form-fields";
import { isLocalDate, parseLocalDate, toLocalDateInput } from "~/models/core/dates";
import type { CampaignInput } from "./campaigns.server";

/** Run the cross-field checks even when a field already failed, so every problem is reported at once. */
const ALWAYS = { when: () => true };

const text = (max: number) => z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));
const date = () =>
  z.preprocess((v) => v ?? "", z.string().trim().min(1, "validation.required").refine(isLocalDate, "content.errors.date"));

export const CampaignSchema = z
  .object({
    intent: z.literal("save").catch("save"),
    name: requiredText(120),
    description: text(2000),
    goal: text(300),
    goalShares: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? null : v),
      z.coerce.number({ error: "validation.wholeNumber" }).int("validation.wholeNumber").min(1, "content.campaigns.errors.goalShares").max(1_000_000, "validation.tooLarge").nullable(),
    ),
    startsOn: date(),
    endsOn: date(),
  })
  .superRefine((value, ctx) => {
    if (typeof value.startsOn === "string" && typeof value.endsOn === "string" && value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "content.campaigns.errors.endBeforeStart" });
    }
  }, ALWAYS);

/** Dates are whole days in the organisation's zone; the end is stored exclusive (the next day's start). */
export function toCampaignInput(values: z.output<typeof CampaignSchema>, timeZone: string): CampaignInput {
  return {
    name: values.name,
    description: values.description,
    goal: values.goal || null,
    goalShares: values.goalShares,
    startsAt: parseLocalDate(values.startsOn, timeZone) ?? 0,
    endsAt: parseLocalDate(values.endsOn, timeZone, 1) ?? 0,
  };
}

export function campaignDefaults(campaign: { name: string; description: string; goal: string | null; goal_shares: number | null; starts_at: number; ends_at: number }, timeZone: string) {
  return {
    name: campaign.name,
    description: campaign.description,
    goal: campaign.goal ?? "",
    goalShares: campaign.goal_shares === null ? "" : String(campaign.goal_shares),
    startsOn: toLocalDateInput(campaign.starts_at, timeZone),
    endsOn: toLocalDateInput(campaign.ends_at - 1, timeZone),
  };
}
