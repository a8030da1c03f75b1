import { SHARE_NETWORKS } from "~/models/core/networks";
import { wholeNumber } from "~/utils/form-checks";
import type { FieldErrors } from "~/utils/forms";

export const MAX_FOLLOWERS = 1_000_000_000;

/** FollowersSchema's rules (./follower-schema) for the browser, without zod: blank is 0. */
export function checkFollowers(posted: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const network of SHARE_NETWORKS) {
    const value = posted[network];
    const count = value === "" || value === undefined ? 0 : wholeNumber(value);
    if (count === null || count < 0) errors[network] = "validation.wholeNumber";
    else if (count > MAX_FOLLOWERS) errors[network] = "validation.tooLarge";
  }
  return errors;
}
