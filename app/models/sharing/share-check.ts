import { SHARE_NETWORKS } from "~/models/core/networks";
import { isOneOf, textWithin } from "~/utils/form-checks";
import type { FieldErrors } from "~/utils/forms";
import { MAX_SHARE_INPUT, shareTextProblem, subjectTooLong } from "./share-text";

/** ShareSchema's rules (./schema) for the browser, without zod. */
export function checkShare(posted: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  const network = posted.network;
  if (!isOneOf(SHARE_NETWORKS, network)) errors.network = "sharing.errors.badNetwork";
  const text = textWithin(errors, "text", posted.text, MAX_SHARE_INPUT, "sharing.errors.textTooLong");
  const subject = textWithin(errors, "subject", posted.subject, 1000, "sharing.errors.subjectTooLong");
  const link = textWithin(errors, "link", posted.link, 500, "validation.invalid");
  // As with the schema's superRefine, the rules across fields run unless a field is of the wrong kind (a
  // text too long still gets them).
  if (!isOneOf(SHARE_NETWORKS, network) || text === null || subject === null || link === null) return errors;
  const problem = shareTextProblem(network, text, link);
  if (problem) errors.text = `sharing.errors.${problem}`;
  if (network === "email" && subjectTooLong(subject)) errors.subject = "sharing.errors.subjectTooLong";
  return errors;
}
