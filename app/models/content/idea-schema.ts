import * as z from "zod";
import { isHttpUrl, MAX_URL_LENGTH } from "./text";

/** Run the cross-field checks even when a field already failed, so every problem is reported at once. */
const ALWAYS = { when: () => true };

const text = (max: number) => z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).trim().max(max, "validation.tooLong"));

/** An employee's idea: a link worth sharing (and why), or a post of their own. */
export const IdeaSchema = z
  .object({
    kind: z.enum(["url", "post"], { error: "validation.required" }),
    url: text(MAX_URL_LENGTH),
    text: text(3000),
    reason: text(1000),
    topic: z.preprocess((v) => v ?? "content", z.enum(["content", "customer", "work"], { error: "validation.invalid" })),
    // A checkbox: present ("on") when ticked, absent otherwise.
    anonymous: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    /** A champion's group, "cohort:<id>" or "department:<id>"; empty for no group. */
    group: text(120),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "url") {
      if (!value.url) ctx.addIssue({ code: "custom", path: ["url"], message: "validation.required" });
      else if (typeof value.url === "string" && !isHttpUrl(value.url)) ctx.addIssue({ code: "custom", path: ["url"], message: "content.errors.url" });
      if (!value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "content.ideas.errors.reasonRequired" });
    }
    if (value.kind === "post" && !value.text) ctx.addIssue({ code: "custom", path: ["text"], message: "validation.required" });
  }, ALWAYS);

export const DeclineSchema = z.object({
  intent: z.literal("decline"),
  ideaId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
  reason: z.preprocess((v) => v ?? "", z.string().trim().min(1, "content.ideas.errors.declineReasonRequired").max(1000, "validation.tooLong")),
});

export const AcceptSchema = z.object({
  intent: z.literal("accept"),
  ideaId: z.string({ error: "validation.invalid" }).min(1, "validation.invalid").max(100, "validation.invalid"),
});
