import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { secureCookies, sessionSecret } from "./env.server";

/**
 * The state, nonce and PKCE verifier of a company sign-in in progress, in a signed cookie bound to
 * this browser for ten minutes. Lax, so it comes back on the provider's redirect (a top-level GET).
 */
const cookie = createCookie("altavoz_sso", {
  path: "/auth/sso",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  secrets: [sessionSecret()],
  maxAge: 600,
});

const Pending = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), redirectTo: z.string() });
export type PendingSso = z.infer<typeof Pending>;

export const pendingSsoCookie = (pending: PendingSso) => cookie.serialize(pending);

export async function readPendingSso(request: Request): Promise<PendingSso | null> {
  const parsed = Pending.safeParse(await cookie.parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : null;
}

export const clearPendingSso = () => cookie.serialize("", { maxAge: 0 });
