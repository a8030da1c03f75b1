import type { DB } from "~/utils/db.server";
import type { Locale, Role } from "#db/schema";
import { newId, newToken, sha256 } from "~/utils/crypto.server";
import { escapeHtml, sendMail } from "~/utils/mail.server";
import { getFixedT } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { canAssign } from "./permissions";
import { findUserByEmail, insertUser, setRoles } from "./users.server";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationRequest {
  email: string;
  name: string;
  departmentId: string | null;
  roles: Role[];
  invitedBy: string | null;
  /** When given, a pending invitation holding a role these cannot grant (HR and an invited admin) is left alone. */
  inviterRoles?: Role[];
  /** The people import creating this invitation, if any (see `insertUser`). */
  importId?: string | null;
}

export type InviteResult = { ok: true; userId: string; token: string } | { ok: false; reason: "already-member" | "role-not-allowed" };

/**
 * Creates (or refreshes) an invited person and a single-use token. Earlier open invitations of
 * the same person are revoked, so only the newest link works. Run inside a transaction.
 */
export async function createInvitation(db: DB, request: InvitationRequest): Promise<InviteResult> {
  const existing = await findUserByEmail(db, request.email);
  if (existing && existing.status !== "invited") return { ok: false, reason: "already-member" };
  if (existing && request.inviterRoles) {
    const held = await db.selectFrom("user_roles").select("role").where("user_id", "=", existing.id).execute();
    if (
      !canAssign(
        request.inviterRoles,
        held.map((r) => r.role),
      )
    )
      return { ok: false, reason: "role-not-allowed" };
  }
  const now = Date.now();
  let userId: string;
  if (existing) {
    userId = existing.id;
    await db
      .updateTable("users")
      .set({ name: request.name.trim(), department_id: request.departmentId })
      .where("id", "=", userId)
      .execute();
    await setRoles(db, userId, request.roles);
    await db
      .updateTable("invitations")
      .set({ revoked_at: now })
      .where("user_id", "=", userId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .execute();
  } else {
    userId = await insertUser(db, { ...request, status: "invited" });
  }
  const token = newToken();
  await db
    .insertInto("invitations")
    .values({
      id: newId(),
      user_id: userId,
      token_hash: sha256(token),
      invited_by: request.invitedBy,
      created_at: now,
      expires_at: now + INVITATION_TTL_MS,
      accepted_at: null,
      revoked_at: null,
    })
    .execute();
  return { ok: true, userId, token };
}

export async function sendInvitationMail(
  db: DB,
  {
    email,
    name,
    token,
    origin,
    locale,
    holdFor,
  }: { email: string; name: string; token: string; origin: string; locale: Locale; holdFor?: string },
) {
  const t = getFixedT(locale);
  const link = `${origin}/invite/${token}`;
  await sendMail(
    db,
    {
      to: email,
      subject: t("mail.invitation.subject"),
      text: t("mail.invitation.text", { name, link }),
      html: `<p>${escapeHtml(t("mail.invitation.greeting", { name }))}</p><p>${escapeHtml(t("mail.invitation.body"))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(t("mail.invitation.cta"))}</a></p><p>${escapeHtml(t("mail.invitation.expiry"))}</p>`,
    },
    { holdFor },
  );
}

/**
 * Invites one person: the person and the token are written together or not at all; the mail
 * goes out after the commit so a slow SMTP server never holds the transaction open.
 */
export async function invitePerson(db: DB, request: InvitationRequest & { origin: string; locale: Locale }): Promise<InviteResult> {
  const result = await db.transaction().execute((trx) => createInvitation(trx, request));
  if (result.ok) {
    await sendInvitationMail(db, {
      email: request.email,
      name: request.name,
      token: result.token,
      origin: request.origin,
      locale: request.locale,
    });
  }
  return result;
}

export async function findOpenInvitation(db: DB, token: string) {
  return db
    .selectFrom("invitations")
    .innerJoin("users", "users.id", "invitations.user_id")
    .select(["invitations.id", "invitations.user_id", "invitations.expires_at", "users.email", "users.name"])
    .where("invitations.token_hash", "=", sha256(token))
    .where("invitations.accepted_at", "is", null)
    .where("invitations.revoked_at", "is", null)
    .where("invitations.expires_at", ">", Date.now())
    .where("users.status", "=", "invited")
    .executeTakeFirst();
}

export type AcceptResult = { ok: true; userId: string } | { ok: false; reason: "invalid" };

/** Accepting is single-use: the token is claimed by a conditional update inside the transaction. */
export async function acceptInvitation(
  db: DB,
  token: string,
  input: { name: string; password: string; locale?: Locale | null },
): Promise<AcceptResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const invitation = await findOpenInvitation(trx, token);
    if (!invitation) return { ok: false, reason: "invalid" } as const;
    const now = Date.now();
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: now })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" } as const;
    await trx
      .updateTable("users")
      .set({ name: input.name.trim(), password_hash: passwordHash, status: "active", activated_at: now, locale: input.locale ?? null })
      .where("id", "=", invitation.user_id)
      .execute();
    await refreshOnboardingProgress(trx, [invitation.user_id]);
    return { ok: true, userId: invitation.user_id } as const;
  });
}
