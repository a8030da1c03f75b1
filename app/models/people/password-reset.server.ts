import type { Locale } from "#db/schema";
import { newId, newToken, sha256 } from "~/utils/crypto.server";
import type { DB } from "~/utils/db.server";
import { consumeThrottle, type ThrottleLimit } from "~/utils/db-throttle.server";
import { getFixedT } from "~/utils/i18n";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import { hashPassword } from "~/utils/password.server";
import { findUserByEmail, normaliseEmail } from "./users.server";

export const RESET_TTL_MS = 60 * 60 * 1000;
/** Mails per address and requests per client address, per hour, across every app instance. */
export const RESET_LIMIT_PER_EMAIL: ThrottleLimit = { max: 3, windowMs: 60 * 60 * 1000 };
export const RESET_LIMIT_PER_IP: ThrottleLimit = { max: 20, windowMs: 60 * 60 * 1000 };

interface MailContext {
  origin: string;
  locale: Locale;
}

/** A new single-use link for an active person; earlier open links of theirs stop working. */
async function issueReset(db: DB, userId: string, requestedBy: string | null): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("password_resets")
      .set({ revoked_at: now })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
    await trx
      .insertInto("password_resets")
      .values({
        id: newId(),
        user_id: userId,
        token_hash: sha256(token),
        requested_by: requestedBy,
        created_at: now,
        expires_at: now + RESET_TTL_MS,
        used_at: null,
        revoked_at: null,
      })
      .execute();
  });
  return token;
}

async function sendResetMail(db: DB, person: { email: string; name: string; locale: Locale | null }, token: string, context: MailContext) {
  const t = getFixedT(person.locale ?? context.locale);
  const link = `${context.origin}/reset-password/${token}`;
  await sendMail(db, {
    to: person.email,
    subject: t("passwordReset.mail.subject"),
    text: t("passwordReset.mail.text", { name: person.name, link }),
    html: `<p>${escapeHtml(t("passwordReset.mail.greeting", { name: person.name }))}</p><p>${escapeHtml(t("passwordReset.mail.body"))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t("passwordReset.mail.cta"))}</a></p><p>${escapeHtml(t("passwordReset.mail.expiry"))}</p>`,
  });
}

/**
 * "Forgot password": mails a link when the address belongs to an active person and the throttles
 * allow it. The caller answers the same whatever happened here, so the page never tells whether an
 * address has an account.
 */
export async function requestPasswordReset(db: DB, input: { email: string; ip: string } & MailContext): Promise<void> {
  const email = normaliseEmail(input.email);
  if (!(await consumeThrottle(db, `reset_ip:${input.ip}`, RESET_LIMIT_PER_IP))) return;
  if (!(await consumeThrottle(db, `reset_email:${sha256(email)}`, RESET_LIMIT_PER_EMAIL))) return;
  const person = await findUserByEmail(db, email);
  if (!person || person.status !== "active") return;
  const token = await issueReset(db, person.id, null);
  await sendResetMail(db, person, token, input);
}

export type AdminResetResult = { ok: true } | { ok: false; reason: "not-active" };

/** An administrator sends a reset link to an active person (who may have forgotten it and be locked out). */
export async function sendResetLinkToPerson(db: DB, input: { userId: string; adminId: string } & MailContext): Promise<AdminResetResult> {
  const person = await db
    .selectFrom("users")
    .select(["id", "email", "name", "locale", "status"])
    .where("id", "=", input.userId)
    .executeTakeFirst();
  if (!person || person.status !== "active") return { ok: false, reason: "not-active" };
  const token = await issueReset(db, person.id, input.adminId);
  await sendResetMail(db, person, token, input);
  return { ok: true };
}

export async function findOpenReset(db: DB, token: string) {
  return db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select(["password_resets.id", "password_resets.user_id", "users.email"])
    .where("password_resets.token_hash", "=", sha256(token))
    .where("password_resets.used_at", "is", null)
    .where("password_resets.revoked_at", "is", null)
    .where("password_resets.expires_at", ">", Date.now())
    .where("users.status", "=", "active")
    .executeTakeFirst();
}

export type ResetResult = { ok: true; userId: string; email: string } | { ok: false; reason: "invalid" };

/**
 * Single use: the link is claimed by a conditional UPDATE in the same transaction that sets the
 * password and ends every session of the person (whoever knew the old password is signed out).
 */
export async function resetPassword(db: DB, token: string, password: string): Promise<ResetResult> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const reset = await findOpenReset(trx, token);
    if (!reset) return { ok: false, reason: "invalid" } as const;
    const claimed = await trx
      .updateTable("password_resets")
      .set({ used_at: Date.now() })
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" } as const;
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", reset.user_id).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", reset.user_id).execute();
    return { ok: true, userId: reset.user_id, email: reset.email } as const;
  });
}
