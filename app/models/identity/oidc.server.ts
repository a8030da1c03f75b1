import * as client from "openid-client";
import { sha256 } from "~/utils/crypto.server";
import type { SsoConfig } from "./sso-config.server";

/** Plain http is accepted only for a provider on this machine (tests, a local Keycloak); anything else needs https. */
const isLoopbackHttp = (url: URL) => url.protocol === "http:" && /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);

const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

function configKey(sso: SsoConfig) {
  return sha256(JSON.stringify([sso.issuer, sso.clientId, sso.clientSecret]));
}

/** The provider's metadata and keys, discovered once per configuration and kept for ten minutes. */
export function providerConfiguration(sso: SsoConfig): Promise<client.Configuration> {
  const key = configKey(sso);
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const issuer = new URL(sso.issuer);
  const auth = sso.clientSecret ? client.ClientSecretBasic(sso.clientSecret) : client.None();
  const config = client
    .discovery(issuer, sso.clientId, sso.clientSecret ?? undefined, auth, {
      // Signatures of ID tokens are checked against the provider's JWKS, not only trusted from TLS.
      execute: isLoopbackHttp(issuer)
        ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
        : [client.enableNonRepudiationChecks],
      timeout: 10,
    })
    .catch((error: unknown) => {
      discovered.delete(key);
      throw error;
    });
  discovered.set(key, { at: Date.now(), config });
  return config;
}

export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectTo: string;
}

export async function authorizationUrl(
  sso: SsoConfig,
  redirectUri: string,
  redirectTo: string,
): Promise<{ url: URL; pending: PendingSignIn }> {
  const config = await providerConfiguration(sso);
  const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), redirectTo };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: "S256",
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

export interface VerifiedClaims {
  issuer: string;
  subject: string;
  email: string;
  name: string | null;
  department: string | null;
  locale: string | null;
}

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

/**
 * Exchanges the code (with the PKCE verifier) and validates the ID token: signature from the
 * provider's JWKS, issuer, audience, expiry, nonce; the state is compared first. Throws on any mismatch.
 */
export async function completeSignIn(sso: SsoConfig, callbackUrl: URL, pending: PendingSignIn): Promise<VerifiedClaims> {
  const config = await providerConfiguration(sso);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("no ID token");
  const email = text(claims.email);
  if (!email) throw new Error("the ID token has no email");
  if (claims.email_verified === false) throw new Error("the provider says the email is not verified");
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email,
    name: text(claims.name) ?? ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ") || null),
    department: text(claims[sso.departmentClaim]),
    locale: text(claims.locale),
  };
}

/** The provider's end-session URL, when it publishes one. */
export async function endSessionUrl(sso: SsoConfig, postLogoutRedirectUri: string): Promise<string | null> {
  try {
    const config = await providerConfiguration(sso);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { client_id: sso.clientId, post_logout_redirect_uri: postLogoutRedirectUri }).href;
  } catch {
    return null;
  }
}
