import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { sessionSecret } from "~/utils/env.server";

// A webhook URL is a credential (whoever has it can post to the channel), so it is kept encrypted
// with a key derived from SESSION_SECRET, and never shown again once saved.
const INFO = "altavoz channel webhook url";

const key = () => Buffer.from(hkdfSync("sha256", sessionSecret(), "altavoz", INFO, 32));

/** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encryptWebhookUrl(url: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(url, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The URL, or null when the value was not made with this SESSION_SECRET (or was tampered with). */
export function decryptWebhookUrl(stored: string): string | null {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** What admins see instead of the URL: its host and last four characters. */
export function webhookUrlHint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}/…${url.slice(-4)}`;
}
