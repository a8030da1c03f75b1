import { json } from "@remix-run/node";
import { appOrigin } from "./env.server";
import type { FieldErrors } from "./forms";

/** The action's answer to invalid input: 400 with errors keyed by field, nothing changed. */
export function invalid(errors: FieldErrors, extra: Record<string, unknown> = {}) {
  return json({ ok: false as const, errors, ...extra }, { status: 400 });
}

export function notFound(): never {
  throw json({ message: "errors.notFound" }, { status: 404 });
}

/**
 * The origin for links Altavoz hands out (mails, tracked links): APP_ORIGIN, else this server's own
 * address. Deliberately not the request's Host, which the sender chooses (`Host: evil.test` would
 * otherwise be mailed to a colleague). The request parameter is kept so call sites read naturally.
 */
export function requestOrigin(_request?: Request): string {
  return appOrigin();
}

export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}

/** A positive page number from the query string; anything else is page 1. */
export function pageParam(url: URL): number {
  const page = Number(url.searchParams.get("page"));
  return Number.isInteger(page) && page > 0 && page < 100000 ? page : 1;
}
