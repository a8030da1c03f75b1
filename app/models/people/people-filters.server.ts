import * as z from "zod";
import { ROLES } from "#db/schema";

/** The people list's query string; anything odd falls back to no filter (loader only). */
export const PeopleFiltersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  department: z.string().max(100).optional().catch(undefined),
  status: z.enum(["invited", "active", "deactivated"]).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
});
