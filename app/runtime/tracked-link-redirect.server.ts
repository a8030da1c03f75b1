import type { IncomingMessage, ServerResponse } from "node:http";
import { isbot } from "isbot";
import type { PendingClick } from "~/models/sharing/clicks.server";
import { CODE_PATTERN, findTrackedLink, type TrackedLinkTarget } from "~/models/sharing/tracked-links.server";
import { ClickInbox } from "~/runtime/click-inbox.server";
import { ClickWriter } from "~/runtime/click-writer.server";
import { lucia } from "~/utils/auth.server";
import { sha256 } from "~/utils/crypto.server";
import { getDb } from "~/utils/db.server";

/** Links never change destination once made, so a found link can be cached for good. */
const CACHE_LIMIT = 100_000;
const cache = new Map<string, TrackedLinkTarget>();

export const clickWriter = new ClickWriter(getDb);
export const clickInbox = new ClickInbox(getDb, (stored) => clickWriter.hand(stored));

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

export interface Visit {
  ip: string;
  userAgent: string;
  /** Every real browser sends these on a navigation; link checkers and scripts often do not. */
  accept: string | undefined;
  acceptLanguage: string | undefined;
  cookieHeader: string | null;
  at?: number;
}

/** The click to store, or null for a bot (by user agent, or lacking a browser's headers): bots are not counted at all. */
export function clickOf(target: TrackedLinkTarget, visit: Visit): PendingClick | null {
  if (!visit.accept || !visit.acceptLanguage || isBotUserAgent(visit.userAgent)) return null;
  const token = visit.cookieHeader ? lucia.readSessionCookie(visit.cookieHeader) : null;
  return {
    linkId: target.linkId,
    at: visit.at ?? Date.now(),
    ip: visit.ip,
    userAgent: visit.userAgent,
    sessionId: token ? sha256(token) : null,
  };
}

/** Stores the click in the inbox (resolves once it is durable); bots resolve at once. */
export function recordVisit(target: TrackedLinkTarget, visit: Visit): Promise<void> {
  const click = clickOf(target, visit);
  return click ? clickInbox.store(click) : Promise.resolve();
}

/** Writes every click handed over so far: the inbox appends, then the batch writer (for shutdown and tests). */
export async function flushClicks(): Promise<void> {
  await clickInbox.drained();
  await clickWriter.drain();
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
    const last = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/** Each cached link's 302 headers as a flat list, built once: Node writes them without checking an object. */
const headerLists = new WeakMap<TrackedLinkTarget, string[]>();

function headersOf(target: TrackedLinkTarget): string[] {
  let list = headerLists.get(target);
  if (!list) headerLists.set(target, (list = ["Location", target.destination, ...REDIRECT_HEADER_LIST]));
  return list;
}

function answerVisit(req: IncomingMessage, res: ServerResponse, target: TrackedLinkTarget): void {
  const headers = req.headers;
  const click = clickOf(target, {
    ip: clientAddress(req),
    userAgent: headers["user-agent"] ?? "",
    accept: headers.accept,
    acceptLanguage: headers["accept-language"],
    cookieHeader: headers.cookie ?? null,
  });
  const list = headersOf(target);
  const answer = () => res.writeHead(302, list).end();
  // The 302 goes out once the click is stored, so an answered click survives a crash.
  if (click) clickInbox.append(click, answer);
  else answer();
}

/**
 * The hot path for /l/<code>, served before Express and Remix: at most one indexed lookup (none
 * when cached), the click appended to the inbox, then the 302. False for unknown codes so the app
 * can render its 404 page. A cached link is handled synchronously (true, no promise per request);
 * otherwise the answer is a promise of the same.
 */
export function handleTrackedLinkRequest(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
  // Codes are plain letters and digits, so nothing is decoded: anything else (encoded, dotted,
  // "//host") is not a code and falls through to the app's 404 without a lookup.
  const url = req.url ?? "";
  const query = url.indexOf("?");
  let code = url.slice("/l/".length, query === -1 ? url.length : query);
  if (code.endsWith("/")) code = code.slice(0, -1);
  if (!CODE_PATTERN.test(code)) return false;
  const cached = cache.get(code);
  if (cached) {
    answerVisit(req, res, cached);
    return true;
  }
  return resolveTrackedLink(code).then(
    (target) => {
      if (!target) return false;
      answerVisit(req, res, target);
      return true;
    },
    () => false,
  );
}
