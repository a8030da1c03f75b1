import type { DB } from "~/utils/db.server";
import { serializableTransaction } from "~/utils/db.server";
import { recordAudit } from "~/models/audit/record.server";
import { findUserByEmail, insertUser, normaliseEmail } from "~/models/people/users.server";
import type { Locale } from "#db/schema";
import { departmentIdFor, emailDomain, findIdentity, linkIdentity, localeFromTag } from "./directory.server";
import type { VerifiedClaims } from "./oidc.server";
import type { SsoConfig } from "./sso-config.server";
import { refreshOnboardingProgress } from "~/models/onboarding/progress.server";

export type SsoAccountResult =
  | { ok: true; userId: string; outcome: "signed-in" | "linked" | "created" }
  | { ok: false; error: "identity.sso.errors.domainNotAllowed" | "identity.sso.errors.deactivated" };

export const oidcProvider = (issuer: string) => `oidc:${issuer}`;

/**
 * The person a verified sign-in belongs to: the one already linked to this subject, else the one
 * with this email (linked now; an invited person becomes active, since the company vouches for them),
 * else a new employee when the email's domain is allowed (department from the claim, language
 * from the claim or the browser). A deactivated person stays out.
 */
export async function resolveSsoAccount(db: DB, sso: SsoConfig, claims: VerifiedClaims, browserLocale: Locale): Promise<SsoAccountResult> {
  const email = normaliseEmail(claims.email);
  if (!sso.allowedDomains.includes(emailDomain(email))) return { ok: false, error: "identity.sso.errors.domainNotAllowed" };
  const provider = oidcProvider(claims.issuer);
  return serializableTransaction(db, async (trx) => {
    const linkedId = await findIdentity(trx, provider, claims.subject);
    const person = linkedId
      ? await trx.selectFrom("users").selectAll().where("id", "=", linkedId).executeTakeFirst()
      : await findUserByEmail(trx, email);
    if (person?.status === "deactivated") return { ok: false, error: "identity.sso.errors.deactivated" } as const;
    if (person && linkedId) return { ok: true, userId: person.id, outcome: "signed-in" } as const;
    if (person) {
      if (person.status === "invited") {
        await trx.updateTable("users").set({ status: "active", activated_at: Date.now() }).where("id", "=", person.id).execute();
        await refreshOnboardingProgress(trx, [person.id]);
      }
      await linkIdentity(trx, provider, claims.subject, person.id);
      await recordAudit(trx, {
        actorId: person.id,
        action: "sso.account_linked",
        target: { type: "person", id: person.id, label: email },
        after: { provider, subject: claims.subject },
      });
      return { ok: true, userId: person.id, outcome: "linked" } as const;
    }
    const departmentId = await departmentIdFor(trx, claims.department);
    const userId = await insertUser(trx, {
      email,
      name: (claims.name ?? email.split("@")[0]).slice(0, 120),
      departmentId,
      roles: ["employee"],
      status: "active",
      locale: localeFromTag(claims.locale) ?? browserLocale,
    });
    await linkIdentity(trx, provider, claims.subject, userId);
    await recordAudit(trx, {
      actorId: userId,
      action: "sso.account_created",
      target: { type: "person", id: userId, label: email },
      after: { provider, subject: claims.subject, department: claims.department, roles: ["employee"] },
    });
    return { ok: true, userId, outcome: "created" } as const;
  });
}
