import { z } from "zod";
import type { DB } from "~/utils/db.server";
import { inTransaction } from "~/utils/db.server";
import { openSecret, sealSecret } from "~/utils/secret-box.server";
import { recordAudit } from "~/models/audit/record.server";
import { getSetting, setSetting } from "~/models/core/settings.server";
import { normaliseEmail } from "~/models/people/users.server";

const SETTING = "sso.oidc";

export interface SsoConfig {
  /** "environment" when OIDC_ISSUER is set: the page shows it and cannot change it. */
  source: "environment" | "settings";
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** Null for a public client (PKCE only), or when a stored secret can no longer be decrypted. */
  clientSecret: string | null;
  secretSource: "environment" | "stored" | "none";
  allowedDomains: string[];
  departmentClaim: string;
  /** Passwords off for everyone but the break-glass administrator. */
  required: boolean;
  breakGlassEmail: string | null;
}

const Stored = z.object({
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  secret: z.string().nullable(),
  allowedDomains: z.array(z.string()),
  departmentClaim: z.string(),
  required: z.boolean(),
  breakGlassEmail: z.string().nullable(),
});
type Stored = z.infer<typeof Stored>;

export const parseDomains = (value: string) => [
  ...new Set(
    value
      .split(/[\s,;]+/)
      .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean),
  ),
];

function fromEnvironment(env: NodeJS.ProcessEnv): SsoConfig | null {
  if (!env.OIDC_ISSUER) return null;
  return {
    source: "environment",
    enabled: Boolean(env.OIDC_CLIENT_ID),
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID ?? "",
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    secretSource: env.OIDC_CLIENT_SECRET ? "environment" : "none",
    allowedDomains: parseDomains(env.OIDC_ALLOWED_DOMAINS ?? ""),
    departmentClaim: env.OIDC_DEPARTMENT_CLAIM || "department",
    required: env.SSO_REQUIRED === "1" || env.SSO_REQUIRED === "true",
    breakGlassEmail: env.SSO_BREAK_GLASS_EMAIL ? normaliseEmail(env.SSO_BREAK_GLASS_EMAIL) : null,
  };
}

async function readStored(db: DB): Promise<Stored | null> {
  const raw = await getSetting(db, SETTING);
  if (!raw) return null;
  const parsed = Stored.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** The sign-in configuration: the environment's when OIDC_ISSUER is set, else what admins saved; null when none. */
export async function getSsoConfig(db: DB, env: NodeJS.ProcessEnv = process.env): Promise<SsoConfig | null> {
  const environment = fromEnvironment(env);
  if (environment) return environment;
  const stored = await readStored(db);
  if (!stored) return null;
  const envSecret = env.OIDC_CLIENT_SECRET || null;
  return {
    source: "settings",
    enabled: stored.enabled,
    issuer: stored.issuer,
    clientId: stored.clientId,
    clientSecret: envSecret ?? (stored.secret ? openSecret(stored.secret) : null),
    secretSource: envSecret ? "environment" : stored.secret ? "stored" : "none",
    allowedDomains: stored.allowedDomains,
    departmentClaim: stored.departmentClaim,
    required: stored.required,
    breakGlassEmail: stored.breakGlassEmail,
  };
}

/** The configuration in use for signing in, or null when company sign-in is off. */
export async function activeSsoConfig(db: DB): Promise<SsoConfig | null> {
  const config = await getSsoConfig(db);
  return config?.enabled && config.issuer && config.clientId && config.allowedDomains.length ? config : null;
}

export interface SsoSettingsInput {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** A new secret; empty keeps the stored one. */
  clientSecret: string;
  clearSecret: boolean;
  allowedDomains: string[];
  departmentClaim: string;
  required: boolean;
  breakGlassEmail: string | null;
}

/** What the audit trail shows of a configuration: never the secret, only whether one is set. */
const auditView = (s: Stored | null) => (s ? { ...s, secret: s.secret ? "(set)" : null } : null);

export async function saveSsoSettings(db: DB, input: SsoSettingsInput, actorId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await readStored(trx);
    const secret = input.clearSecret ? null : input.clientSecret ? sealSecret(input.clientSecret) : (before?.secret ?? null);
    const next: Stored = {
      enabled: input.enabled,
      issuer: input.issuer,
      clientId: input.clientId,
      secret,
      allowedDomains: input.allowedDomains,
      departmentClaim: input.departmentClaim,
      required: input.required,
      breakGlassEmail: input.breakGlassEmail,
    };
    await setSetting(trx, SETTING, JSON.stringify(next));
    const after = auditView(next);
    if (after && input.clientSecret) after.secret = "(changed)";
    await recordAudit(trx, {
      actorId,
      action: "sso.settings_changed",
      target: { type: "sso", id: null, label: input.issuer },
      before: auditView(before),
      after,
    });
  });
}

/** Whether a password sign-in is allowed for this email under the configuration. */
export function passwordSignInAllowed(config: SsoConfig | null, email: string): boolean {
  if (!config || !config.required) return true;
  return config.breakGlassEmail !== null && config.breakGlassEmail === normaliseEmail(email);
}
