import * as z from "zod";
import { MAX_SHARE_INPUT, shareTextProblem, subjectTooLong } from "./share-text";
import { SHARE_NETWORKS } from "~/models/core/networks";

const text = (max: number, message: string) => z.preprocess((v) => v ?? "", z.string({ error: "validation.invalid" }).max(max, message));

/**
 * The share dialog. `link` is the tracked link the page showed, so the browser can count the post
 * the way the server will; the server checks again against the person's real link.
 * Which button was pressed (share or copy) is read by the action from `intent`.
 */
export const ShareSchema = z
  .object({
    network: z.enum(SHARE_NETWORKS, { error: "sharing.errors.badNetwork" }),
    text: text(MAX_SHARE_INPUT, "sharing.errors.textTooLong"),
    subject: text(1000, "sharing.errors.subjectTooLong"),
    link: text(500, "validation.invalid"),
  })
  .superRefine((value, ctx) => {
    const problem = shareTextProblem(value.network, value.text, value.link);
    if (problem) ctx.addIssue({ code: "custom", path: ["text"], message: `sharing.errors.${problem}` });
    if (value.network === "email" && subjectTooLong(value.subject))
      ctx.addIssue({ code: "custom", path: ["subject"], message: "sharing.errors.subjectTooLong" });
  });
