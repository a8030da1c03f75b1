import { createHash, randomBytes, randomUUID } from "node:crypto";

export const newId = () => randomUUID();

/** A URL-safe random token with 256 bits of entropy. */
export const newToken = () => randomBytes(32).toString("base64url");

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
