import type { IncomingMessage, ServerResponse } from "node:http";
import { isbot } from "isbot";
import { ClickRecorder } from "~/runtime/click-recorder.server";
import { CODE_PATTERN, findTrackedLink, type TrackedLinkTarget } from "~/models/sharing/tracked-links.server";
import { lucia } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

/** Links never change destination once made, so a found link can be cached for good. */
const CACHE_LIMIT = 100_000;
const cache = new Map<string, TrackedLinkTarget>();

export const clickRecorder = new ClickRecorder(getDb);

export async function resolveTrackedLink(code: string): Promise<TrackedLinkTarget | null> {
  const cached = cache.get(code);
  if (cached) return cached;
  const target = await findTrackedLink(getDb(), code);
  if (target) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(code, target);
  }
  return target;
}

export function forgetCachedLinks(): void {
  cache.clear();
}

/**
 * isbot runs one large regular expression (about 15 µs a call, more than the rest of the redirect);
 * user agents repeat, so its answers are remembered, a bounded number of them.
 */
const BOT_CACHE_LIMIT = 10_000;
const botAnswers = new Map<string, boolean>();

export function isBotUserAgent(userAgent: string): boolean {
  if (!userAgent) return true;
  let answer = botAnswers.get(userAgent);
  if (answer === undefined) {
    answer = isbot(userAgent);
    if (botAnswers.size >= BOT_CACHE_LIMIT) botAnswers.delete(botAnswers.keys().next().value as string);
    botAnswers.set(userAgent, answer);
  }
  return answer;
}

/** Queues the click; bots (and requests without a user agent) are not counted at all. Never waits on the database. */
export function recordVisit(target: TrackedLinkTarget, visit: { ip: string; userAgent: string; cookieHeader: string | null; at?: number }): void {
  if (isBotUserAgent(visit.userAgent)) return;
  clickRecorder.record({
    linkId: target.linkId,
    at: visit.at ?? Date.now(),
    ip: visit.ip,
    userAgent: visit.userAgent,
    sessionToken: lucia.readSessionCookie(visit.cookieHeader ?? ""),
  });
}

export const REDIRECT_HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
} as const;
const REDIRECT_HEADER_LIST = Object.entries(REDIRECT_HEADERS).flat();

/** Read once: process.env is a slow lookup, and this runs on every redirect. */
let trustProxy: boolean | undefined;

function clientAddress(req: IncomingMessage): string {
  trustProxy ??= process.env.TRUST_PROXY === "1";
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const last = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded ?? "").split(",").pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * The hot path for /l/<code>, served before Express and Remix: at most one indexed lookup (none
 * when cached), a 302, and the click queued for the batch writer. Returns false for unknown codes
 * so the app can render its 404 page.
 */
export async function handleTrackedLinkRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  // Codes are plain letters and digits, so nothing is decoded: anything else (encoded, dotted,
  // "//host") is not a code and falls through to the app's 404 without a lookup.
  const path = (req.url ?? "").split("?")[0];
  const code = path.slice("/l/".length).replace(/\/$/, "");
  if (!CODE_PATTERN.test(code)) return false;
  const target = cache.get(code) ?? (await resolveTrackedLink(code).catch(() => null));
  if (!target) return false;
  // Headers as a flat list: Node writes them without building and checking an object first.
  res.writeHead(302, ["Location", target.destination, ...REDIRECT_HEADER_LIST]);
  res.end();
  recordVisit(target, { ip: clientAddress(req), userAgent: String(req.headers["user-agent"] ?? ""), cookieHeader: req.headers.cookie ?? null });
  return true;
}
