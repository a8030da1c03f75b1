import { LOCALES } from "#db/schema";
import { isIdText, isOneOf, isTicked } from "~/utils/form-checks";
import type { FieldErrors } from "~/utils/forms";

export const TEXT_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** AcknowledgeSchema's rules (./schema) for the browser, without zod. */
export function checkAcknowledge(posted: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  if (!isTicked(posted.accept)) errors.accept = "guidelines.errors.mustAccept";
  if (!isIdText(posted.versionId)) errors.versionId = "validation.invalid";
  if (!isOneOf(LOCALES, posted.language)) errors.language = "validation.invalid";
  if (typeof posted.textHash !== "string" || !TEXT_HASH_PATTERN.test(posted.textHash)) errors.textHash = "validation.invalid";
  return errors;
}
