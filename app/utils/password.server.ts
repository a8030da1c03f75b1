import { hash, verify } from "@node-rs/argon2";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { newToken } from "./crypto.server";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** Hashed once per process: what an unknown account's password is checked against. */
let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches. Without a hash (no such account, no password set yet) the same argon2
 * work is done against a throw-away hash, so the time taken does not tell which accounts exist.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(newToken());
  try {
    if (!passwordHash) {
      await verify(await dummyHash, password);
      return false;
    }
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** zxcvbn scores 0–4; 3 means "safely unguessable" (about 10^10 guesses): what a new password must reach. */
export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 10;

let estimator: Promise<ZxcvbnFactory> | undefined;

/** The dictionaries are a few megabytes: loaded the first time a password is chosen, not at every start. */
async function loadEstimator(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, en, es] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    import("@zxcvbn-ts/language-es-es"),
  ]);
  return new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary }, graphs: common.adjacencyGraphs });
}

const words = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);

/**
 * Why a new password is refused (a translation key), or null when it is strong enough. `related` are the
 * person's own details (email, name), which make a password easy to guess for someone who knows them.
 * Shared by every place a password is chosen: setup, invitations, settings, password reset, the CLI.
 */
export async function passwordProblem(password: string, related: readonly string[] = []): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return "validation.passwordTooShort";
  estimator ??= loadEstimator();
  // zxcvbn's cost grows with length; the first 100 characters already decide.
  const { score } = (await estimator).check(password.slice(0, 100), [
    ...related.flatMap((r) => [r, ...words(r), words(r).join("")]),
    "altavoz",
  ]);
  return score >= MIN_PASSWORD_SCORE ? null : "validation.weakPassword";
}
