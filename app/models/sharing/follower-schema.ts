import * as z from "zod";
import { MAX_FOLLOWERS } from "./follower-check";

const followerCount = z.coerce
  .number({ error: "validation.wholeNumber" })
  .int("validation.wholeNumber")
  .min(0, "validation.wholeNumber")
  .max(MAX_FOLLOWERS, "validation.tooLarge");

const followers = () => z.preprocess((v) => (v === "" || v === undefined ? 0 : v), followerCount);

/** A person's follower counts per network (settings, and the question at the end of onboarding); blank is 0. */
export const FollowersSchema = z.object({
  linkedin: followers(),
  x: followers(),
  facebook: followers(),
  whatsapp: followers(),
  email: followers(),
});
