/** The HR onboarding dashboard's forms: shared by the browser (react-hook-form) and the server. No server-only imports. */
import * as z from "zod";
import { isLocalDate } from "~/models/core/dates";

export const MIN_REMINDER_DAYS = 1;
export const DEFAULT_REMINDER_DAYS = 7;
export const MAX_REMINDER_DAYS = 90;

const dateParam = z
  .string()
  .trim()
  .refine((v) => v === "" || isLocalDate(v), "onboarding.errors.date")
  .transform((v) => v || null);

export const DashboardFilterSchema = z
  .object({
    department: z.string().trim().max(100, "onboarding.errors.department").default(""),
    from: dateParam.default(""),
    to: dateParam.default(""),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "onboarding.errors.dateOrder", path: ["to"] });

/** A champion's round narrows the filter to a cohort's people and to those who have not started. */
export type DashboardFilter = z.output<typeof DashboardFilterSchema> & { cohort?: string; notStarted?: boolean };

export const ReminderIntervalSchema = z.object({
  intervalDays: z.coerce
    .number({ error: "onboarding.errors.interval" })
    .int("onboarding.errors.interval")
    .min(MIN_REMINDER_DAYS, "onboarding.errors.interval")
    .max(MAX_REMINDER_DAYS, "onboarding.errors.interval"),
});
