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
