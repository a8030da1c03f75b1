import * as z from "zod";

/** The "hide me from the leaderboard" form (checked by the action only). */
export const PrivacySchema = z.object({
  intent: z.literal("privacy", { error: "validation.invalid" }),
  hide: z.enum(["on"]).optional(),
});
