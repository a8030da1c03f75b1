import { json } from "@remix-run/node";
import type { FieldErrors } from "./forms";

/** The action's answer to invalid input: 400 with errors keyed by field, nothing changed. */
export function invalid(errors: FieldErrors, extra: Record<string, unknown> = {}) {
  return json({ ok: false as const, errors, ...extra }, { status: 400 });
}

export function notFound(): never {
  throw json({ message: "errors.notFound" }, { status: 404 });
}

export function requestOrigin(request: Request): string {
  return process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN).origin : new URL(request.url).origin;
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
