import { json } from "@remix-run/node";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function allowedOrigins(request: Request): string[] {
  const origins = [new URL(request.url).origin];
  if (process.env.APP_ORIGIN) origins.push(new URL(process.env.APP_ORIGIN).origin);
  return origins;
}

export function isSameOrigin(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const origin = request.headers.get("Origin");
  if (origin) return allowedOrigins(request).includes(origin);
  // Old browsers may omit Origin on same-origin posts but still send Referer.
  const referer = request.headers.get("Referer");
  if (!referer) return false;
  try {
    return allowedOrigins(request).includes(new URL(referer).origin);
  } catch {
    return false;
  }
}

/** Cross-site request forgery guard: every state-changing request must come from our own pages. */
export function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(request)) {
    throw json({ message: "errors.crossOrigin" }, { status: 403 });
  }
}
