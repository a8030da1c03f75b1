import * as z from "zod";
import { requiredText } from "~/utils/form-fields";
import { isLocalDate, parseLocalDate, toLocalDateInput } from "~/models/core/dates";
import type { CampaignInput } from "./campaigns.server";

/** Run the cross-field checks even when a field already failed, so every problem is reported at once. */
const ALWAYS = { when: () => true };

const text = (max: number) => z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));
/** An optional whole-number target (1 or more), blank meaning none. */
const optionalTarget = (message: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce.number({ error: "validation.wholeNumber" }).int("validation.wholeNumber").min(1, message).max(1_000_000_000, "validation.tooLarge").nullable(),
  );

/** "1500", "1500.5", "1.500,50" → cents; null when blank; undefined when not an amount. */
export function parseBudget(value: string): number | null | undefined {
  const compact = value.trim().replace(/\s/gu, "");
  if (!compact) return null;
  const match = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/u.exec(compact);
  if (!match) return undefined;
  const whole = Number(match[1].replace(/[.,]/gu, ""));
  const cents = whole * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return Number.isSafeInteger(cents) && cents <= 100_000_000_000_00 ? cents : undefined;
}

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
    goalUniqueClicks: optionalTarget("results.goals.errors.target"),
    goalConversions: optionalTarget("results.goals.errors.target"),
    budget: text(20).refine((v) => parseBudget(v) !== undefined, "results.budget.errors.amount"),
    budgetCurrency: text(3).transform((v) => v.toUpperCase()),
    startsOn: date(),
    endsOn: date(),
  })
  .superRefine((value, ctx) => {
    if (typeof value.startsOn === "string" && typeof value.endsOn === "string" && value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "content.campaigns.errors.endBeforeStart" });
    }
    const currency = typeof value.budgetCurrency === "string" ? value.budgetCurrency : "";
    if (typeof value.budget === "string" && parseBudget(value.budget) && !/^[A-Z]{3}$/u.test(currency)) {
      ctx.addIssue({ code: "custom", path: ["budgetCurrency"], message: "results.budget.errors.currency" });
    }
  }, ALWAYS);

/** Dates are whole days in the organisation's zone; the end is stored exclusive (the next day's start). */
export function toCampaignInput(values: z.output<typeof CampaignSchema>, timeZone: string): CampaignInput {
  return {
    name: values.name,
    description: values.description,
    goal: values.goal || null,
    goalShares: values.goalShares,
    goalUniqueClicks: values.goalUniqueClicks,
    goalConversions: values.goalConversions,
    budgetCents: parseBudget(values.budget) ?? null,
    budgetCurrency: parseBudget(values.budget) ? values.budgetCurrency : null,
    startsAt: parseLocalDate(values.startsOn, timeZone) ?? 0,
    endsAt: parseLocalDate(values.endsOn, timeZone, 1) ?? 0,
  };
}

export function campaignDefaults(
  campaign: {
    name: string;
    description: string;
    goal: string | null;
    goal_shares: number | null;
    goal_unique_clicks: number | null;
    goal_conversions: number | null;
    budget_cents: number | null;
    budget_currency: string | null;
    starts_at: number;
    ends_at: number;
  },
  timeZone: string,
) {
  const optional = (n: number | null) => (n === null ? "" : String(n));
  return {
    goalUniqueClicks: optional(campaign.goal_unique_clicks),
    goalConversions: optional(campaign.goal_conversions),
    budget: campaign.budget_cents === null ? "" : (Number(campaign.budget_cents) / 100).toFixed(2),
    budgetCurrency: campaign.budget_currency ?? "",
    name: campaign.name,
    description: campaign.description,
    goal: campaign.goal ?? "",
    goalShares: campaign.goal_shares === null ? "" : String(campaign.goal_shares),
    startsOn: toLocalDateInput(campaign.starts_at, timeZone),
    endsOn: toLocalDateInput(campaign.ends_at - 1, timeZone),
  };
}
