import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["", "0", "1"])
  .optional()
  .transform((v) => v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Altavoz <no-reply@altavoz.local>"),
  /** Public origin, e.g. https://altavoz.example.com; used in mails and the Origin check behind proxies. */
  APP_ORIGIN: z.string().url().optional(),
  /** The organisation's public website, offered to visitors of a mistyped tracked link. */
  BRAND_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Unique clicks a link may count per network address (IPv4 address, IPv6 /64) and local day. */
  UNIQUE_CLICKS_PER_NETWORK: z.coerce.number().int().min(1).max(1000).default(3),
  /** `npm run demo`: a production build on this machine, with a generated secret and a localhost origin. */
  ALTAVOZ_DEMO: flag,
  TRUST_PROXY: flag,
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`SMTP_URL=`) means unset.
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.ALTAVOZ_DEMO) {
    if (!env.SESSION_SECRET) throw new Error("SESSION_SECRET (16+ characters) is required in production");
    if (!env.APP_ORIGIN) throw new Error("APP_ORIGIN (the public origin, e.g. https://altavoz.example.com) is required in production");
  }
  return env;
}

export const DEMO_SECRET_FILE = path.resolve("data", "session-secret");

/** The demo's secret: generated once into ./data/, readable by its owner only, and reused on every start. */
export function demoSecret(file = DEMO_SECRET_FILE): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw error;
  }
}

export function sessionSecret(): string {
  const env = readEnv();
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.ALTAVOZ_DEMO) return demoSecret();
  return "altavoz-development-secret-not-for-production";
}

export const isProduction = () => process.env.NODE_ENV === "production";

/**
 * The origin mailed links and the Origin check use: APP_ORIGIN (required in production); otherwise this
 * server's own address. Never the request's Host header, which a client chooses.
 */
export function appOrigin(): string {
  const env = readEnv();
  return env.APP_ORIGIN ? new URL(env.APP_ORIGIN).origin : `http://localhost:${env.PORT}`;
}

/** Sessions end after this long without a request, and in any case this long after sign-in. */
export function sessionLifetimes(): { idleMs: number; absoluteMs: number } {
  const env = readEnv();
  return { idleMs: env.SESSION_IDLE_HOURS * 3_600_000, absoluteMs: env.SESSION_MAX_DAYS * 86_400_000 };
}

/** Hosts that browsers treat as secure even over plain http. */
const LOOPBACK = /^(localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether cookies carry the Secure flag: in production, unless APP_ORIGIN says the app is served over
 * plain http on a host browsers do not trust (an intranet name or address), where they would drop
 * Secure cookies and nobody could sign in. Without APP_ORIGIN, production assumes https; plain http on
 * localhost keeps the flag, since browsers treat localhost as secure. The demo is plain http on this
 * machine, reached as localhost or 127.0.0.1, so its cookies go without the flag.
 */
export function secureCookies(): boolean {
  const origin = process.env.APP_ORIGIN;
  if (origin && URL.canParse(origin)) {
    const url = new URL(origin);
    if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) return false;
  } else if (process.env.ALTAVOZ_DEMO === "1") {
    return false;
  }
  return isProduction();
}
