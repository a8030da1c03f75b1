import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { sessionSecret } from "./env.server";

/**
 * Secrets Altavoz must be able to read back (an identity provider's client secret) are encrypted
 * with AES-256-GCM under a key derived from SECRETS_KEY, or SESSION_SECRET when that is unset
 * (the development secret on a demo). Changing the key makes stored secrets unreadable: admins
 * then enter them again.
 */
function key(): Buffer {
  const material = process.env.SECRETS_KEY || sessionSecret();
  return Buffer.from(hkdfSync("sha256", material, "altavoz", "altavoz:stored-secrets:v1", 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The plain secret, or null when the box was sealed under another key or is damaged. */
export function openSecret(sealed: string): string | null {
  if (!sealed.startsWith("v1:")) return null;
  try {
    const raw = Buffer.from(sealed.slice(3), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
