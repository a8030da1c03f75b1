import crypto, { randomBytes, randomUUID } from "node:crypto";

export const newId = () => randomUUID();

/** A URL-safe random token with 256 bits of entropy. */
export const newToken = () => randomBytes(32).toString("base64url");

/** Hex SHA-256; the one-shot `crypto.hash` (Node ≥ 20.12) skips building a Hash object per call. */
export const sha256: (value: string) => string =
  typeof crypto.hash === "function"
    ? (value) => crypto.hash("sha256", value, "hex")
    : (value) => crypto.createHash("sha256").update(value).digest("hex");
