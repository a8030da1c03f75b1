import * as z from "zod";
import { isLocalDate } from "~/models/core/dates";
import { checkboxList, requiredText } from "~/utils/form-fields";

/** Run the cross-field checks even when a field already failed, so every problem is reported at once. */
const ALWAYS = { when: () => true };

export const MAX_MEMBER_EMAILS = 5000;

const date = () => z.preprocess((v) => v ?? "", z.string().trim().min(1, "validation.required").refine(isLocalDate, "cohorts.errors.date"));
const goal = (max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce
      .number({ error: "validation.wholeNumber" })
      .int("validation.wholeNumber")
      .min(1, "cohorts.errors.goal")
      .max(max, "validation.tooLarge")
      .nullable(),
  );

/**
 * A cohort: name, whole days in the organisation's zone, goals, departments and people. People come as
 * emails, one per line or a CSV whose first column (or "email" column) holds them, typed or uploaded.
 */
export const CohortSchema = z
  .object({
    intent: z.literal("create").catch("create"),
    name: requiredText(120),
    startsOn: date(),
    endsOn: date(),
    goalParticipation: goal(100),
    goalShares: goal(10_000_000),
    goalUniqueClicks: goal(100_000_000),
    goalConversions: goal(100_000_000),
    departmentIds: checkboxList(z.string().max(100)),
    emails: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().max(500_000, "validation.tooLong")),
    /** The pilot this cohort opens as its next wave, at once; empty: a cohort on its own. */
    followsId: z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(100, "validation.tooLong")),
  })
  .superRefine((value, ctx) => {
    if (
      typeof value.startsOn === "string" &&
      typeof value.endsOn === "string" &&
      value.startsOn &&
      value.endsOn &&
      value.endsOn < value.startsOn
    ) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "cohorts.errors.endBeforeStart" });
    }
  }, ALWAYS);

export type CohortFormValues = z.output<typeof CohortSchema>;

/** Graduation criteria: finishing onboarding (a checkbox), at least so many shares and unique clicks in the wave's weeks. */
export const GraduationSchema = z.object({
  onboarded: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
  shares: goal(10_000_000),
  uniqueClicks: goal(100_000_000),
});

/** Opening the wave that follows this one. */
export const WaveSchema = z.object({ cohortId: requiredText(100) });
