import { json, redirect } from "@remix-run/node";
import { Lucia, TimeSpan } from "lucia";
import type { Role } from "#db/schema";
import { db } from "./db.server";
import { secureCookies, sessionLifetimes } from "./env.server";
import { KyselySessionAdapter } from "./lucia-adapter.server";
import { assertSameOrigin } from "./origin.server";
import { getUserWithRoles, type SessionUser } from "./session-user.server";
import { oncePerRequest } from "./request-scope.server";

const lifetimes = sessionLifetimes();

// Idle timeout: Lucia pushes the expiry out by `sessionExpiresIn` on use (once half of it has passed), so a
// session unused that long is gone. The absolute lifetime is enforced by the adapter's lookup.
export const lucia = new Lucia(new KyselySessionAdapter(db, lifetimes.absoluteMs), {
  sessionExpiresIn: new TimeSpan(Math.round(lifetimes.idleMs / 1000), "s"),
  sessionCookie: {
    name: "altavoz_session",
    expires: true,
    attributes: { secure: secureCookies(), sameSite: "lax" },
  },
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
  }
}

export type { SessionUser };

interface SessionResult {
  user: SessionUser | null;
  /** Set-Cookie value to send when Lucia refreshed or cleared the session. */
  setCookie: string | null;
}

/** The session and its person, read once per request (the root and route loaders share it). */
export function readSession(request: Request): Promise<SessionResult> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return Promise.resolve({ user: null, setCookie: null });
  return oncePerRequest(`session:${sessionId}`, () => validate(sessionId));
}

async function validate(sessionId: string): Promise<SessionResult> {
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return { user: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  const sessionUser = await getUserWithRoles(db, user.id);
  if (!sessionUser) return { user: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  return { user: sessionUser, setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null };
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await readSession(request)).user;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** The signed-in, active person; anonymous visitors go to /login. Non-GET requests must come from our own origin. */
export async function requireUser(request: Request): Promise<SessionUser> {
  assertSameOrigin(request);
  const user = await getOptionalUser(request);
  if (!user) loginRedirect(request);
  return user;
}

export function hasRole(user: Pick<SessionUser, "roles">, ...roles: Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

/** The signed-in person holding at least one of `roles`, or a 403. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, ...roles)) {
    throw json({ message: "errors.forbidden" }, { status: 403 });
  }
  return user;
}

export async function requireAnonymous(request: Request): Promise<void> {
  if (await getOptionalUser(request)) throw redirect("/");
}

export async function startSession(userId: string, redirectTo: string, headers: HeadersInit = {}) {
  // The response first: nothing can fail between creating the session and handing over its cookie.
  const response = redirect(safeRedirect(redirectTo), { headers });
  const session = await lucia.createSession(userId, {});
  response.headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
  return response;
}

export async function endSession(request: Request, then = "/login") {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return redirect(then, { headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() } });
}

const LOCAL_BASE = "http://altavoz.invalid";

/** Only local paths, so a crafted `redirectTo` cannot send people to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.com" would become "//evil.com".
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  // Resolved as the browser will resolve it: anything that lands on another origin is refused, and the
  // result is percent-encoded ASCII, which a Location header can carry (other characters made it throw).
  if (!URL.canParse(to, LOCAL_BASE)) return fallback;
  const url = new URL(to, LOCAL_BASE);
  if (url.origin !== LOCAL_BASE) return fallback;
  const local = `${url.pathname}${url.search}${url.hash}`;
  return local.startsWith("//") || local.startsWith("/\\") ? fallback : local;
}
