import * as z from "zod";
import { CONTENT_STATUSES } from "#db/schema";

/** The editors' content list query string; anything odd falls back to no filter (loader only). */
export const EditorFiltersSchema = z.object({
  status: z.enum(CONTENT_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

