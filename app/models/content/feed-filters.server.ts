import * as z from "zod";

/** The feed's query string; anything odd falls back to no filter (a loader-only check, kept out of the browser). */
export const FeedFiltersSchema = z.object({
  lang: z.enum(["mine", "all"]).catch("mine").default("mine"),
  topic: z.string().trim().max(40).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

