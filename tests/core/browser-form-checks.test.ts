// The employee's forms are checked in the browser by plain functions (no zod there, issue 13); the action
// parses the same post with its zod schema. Both must give the same errors for the same post.
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { checkAcknowledge } from "~/models/guidelines/acknowledge-check";
import { AcknowledgeSchema } from "~/models/guidelines/schema";
import { checkFollowers } from "~/models/sharing/follower-check";
import { FollowersSchema } from "~/models/sharing/follower-schema";
import { checkShare } from "~/models/sharing/share-check";
import { ShareSchema } from "~/models/sharing/schema";
import { MAX_SHARE_INPUT } from "~/models/sharing/share-text";
import { nestAnswers, QuizSchema } from "~/models/workshops/employee-forms";
import { checkQuiz } from "~/models/workshops/quiz-check";
import { issuesToErrors, type FieldErrors } from "~/utils/forms";

const serverErrors = (schema: z.ZodType, posted: unknown): FieldErrors => {
  const parsed = schema.safeParse(posted);
  return parsed.success ? {} : issuesToErrors(parsed.error.issues);
};

const link = "https://altavoz.test/l/abc123";
const hash = "a".repeat(64);

describe("browser-side form checks agree with the actions' schemas", () => {
  it("share dialog", () => {
    const posts: Record<string, unknown>[] = [
      { network: "x", text: "Hola", subject: "", link },
      { network: "x", text: "", subject: "", link },
      { network: "x", text: link, subject: "", link },
      { network: "x", text: "a".repeat(281), subject: "", link },
      { network: "linkedin", text: "a".repeat(3000), subject: "", link },
      { network: "email", text: "Hola", subject: "s".repeat(200), link },
      { network: "email", text: "Hola", subject: "s".repeat(1001), link },
      { network: "email", text: "Hola", link },
      { network: "myspace", text: "Hola", subject: "", link },
      { network: "linkedin", text: "a".repeat(MAX_SHARE_INPUT + 1), subject: "", link },
      { network: "x", text: ["a", "b"], subject: "", link },
      { network: "x", text: "Hola", subject: "", link: "l".repeat(501) },
      {},
    ];
    for (const post of posts) expect(checkShare(post), JSON.stringify(post).slice(0, 80)).toEqual(serverErrors(ShareSchema, post));
    expect(checkShare(posts[1])).toEqual({ text: "sharing.errors.emptyText" });
  });

  it("follower counts", () => {
    const values = ["", "0", "12", " 7 ", "-1", "1.5", "abc", "1e3", "1000000000", "1000000001", "Infinity", undefined];
    for (const value of values) {
      const post = { linkedin: value, x: "3", facebook: "", whatsapp: "0", email: "1" };
      expect(checkFollowers(post), String(value)).toEqual(serverErrors(FollowersSchema, post));
    }
    expect(checkFollowers({ linkedin: "-1" })).toEqual({ linkedin: "validation.wholeNumber" });
  });

  it("guideline acknowledgement", () => {
    const ok = { accept: "on", versionId: "v1", language: "es", textHash: hash };
    const posts: Record<string, unknown>[] = [
      ok,
      { ...ok, accept: undefined },
      { ...ok, accept: "off" },
      { ...ok, versionId: "" },
      { ...ok, versionId: "v".repeat(101) },
      { ...ok, language: "fr" },
      { ...ok, textHash: "A".repeat(64) },
      { ...ok, textHash: undefined },
      {},
    ];
    for (const post of posts) expect(checkAcknowledge(post), JSON.stringify(post)).toEqual(serverErrors(AcknowledgeSchema, post));
    expect(checkAcknowledge({ ...ok, accept: undefined })).toEqual({ accept: "guidelines.errors.mustAccept" });
  });

  it("workshop quiz", () => {
    const ok = { versionId: "v1", language: "en", "answers.0": "1", "answers.1": ["0", "2"] };
    const posts: Record<string, unknown>[] = [
      ok,
      { ...ok, "answers.1": undefined },
      { versionId: "v1", language: "en" },
      { ...ok, "answers.0": "8" },
      { ...ok, "answers.0": "-1" },
      { ...ok, "answers.0": "x" },
      { ...ok, "answers.1": ["0", "1.5"] },
      { ...ok, language: "de", versionId: "" },
    ];
    for (const post of posts) {
      const nested = nestAnswers(post, 2);
      expect(checkQuiz(2)(post), JSON.stringify(post)).toEqual(serverErrors(QuizSchema, nested));
    }
    expect(checkQuiz(2)({ versionId: "v1", language: "en", "answers.0": "1" })).toEqual({ "answers.1": "workshops.errors.answerQuestion" });
  });
});
