/** The admins' delivery page forms: one zod schema each, for the browser and the action. */
import * as z from "zod";
import { optionalId, requiredText } from "~/utils/form-fields";
import { WEBHOOK_KINDS } from "./webhook-kinds";

const integer = (min: number, max: number) =>
  z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(min, "validation.invalid").max(max, "validation.invalid");

export const DeliveryScheduleSchema = z.object({
  intent: z.literal("schedule"),
  weekday: integer(1, 7),
  hour: integer(0, 23),
  urgentCap: integer(0, 100),
});

export const ConnectWebhookSchema = z.object({
  intent: z.literal("connect"),
  kind: z.enum(WEBHOOK_KINDS, { error: "validation.required" }),
  departmentId: optionalId(),
  label: requiredText(80),
  url: requiredText(2000),
});

/** Test, disconnect (a channel) and retry (a failed post) name one row. */
export const WebhookRowSchema = z.object({
  intent: z.enum(["test", "disconnect", "retry"]),
  id: requiredText(100),
});
