import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Altavoz <no-reply@altavoz.local>"),
  /** Public origin, e.g. https://altavoz.example.com; used in mails and the Origin check behind proxies. */
  APP_ORIGIN: z.string().url().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Unique clicks a link may count per network address (IPv4 address, IPv6 /64) and local day. */
  UNIQUE_CLICKS_PER_NETWORK: z.coerce.number().int().min(1).max(1000).default(3),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.SESSION_SECRET) {
    throw new Error("SESSION_SECRET (16+ characters) is required in production");
  }
  return parsed.data;
}

export function sessionSecret(): string {
  return readEnv().SESSION_SECRET ?? "altavoz-development-secret-not-for-production";
}

export const isProduction = () => process.env.NODE_ENV === "production";

/** Hosts that browsers treat as secure even over plain http. */
const LOOPBACK = /^(localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether cookies carry the Secure flag: in production, unless APP_ORIGIN says the app is served over
 * plain http on a host browsers do not trust (an intranet name or address), where they would drop
 * Secure cookies and nobody could sign in. Without APP_ORIGIN, production assumes https; plain http on
 * localhost keeps the flag, since browsers treat localhost as secure.
 */
export function secureCookies(): boolean {
  const origin = process.env.APP_ORIGIN;
  if (origin && URL.canParse(origin)) {
    const url = new URL(origin);
    if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) return false;
  }
  return isProduction();
}
