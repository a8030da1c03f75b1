import * as z from "zod";
import { emailField } from "~/utils/form-fields";

/** Naming a champion: a person's email and a scope written "cohort:<id>" or "department:<id>". */
export const GrantSchema = z.object({
  intent: z.literal("grant"),
  email: emailField(),
  scope: z
    .string({ error: "champions.errors.unknownScope" })
    .max(120, "champions.errors.unknownScope")
    .regex(/^(cohort|department):.+$/, "champions.errors.unknownScope"),
});

export const RevokeSchema = z.object({
  intent: z.literal("revoke"),
  championId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
});
