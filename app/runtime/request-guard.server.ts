import { MAX_IMPORT_BYTES } from "~/models/people/import-limits";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { isSameOrigin } from "~/utils/origin.server";

// Every non-GET request passes here before Remix, so no action (today's or tomorrow's) can be reached by a
// body it cannot read: the body is read once, within a limit, parsed as the form data actions expect, and
// handed on already buffered. Actions then call request.formData() as usual and it cannot throw.

const KIB = 1024;
/** Forms: the longest field is a markdown body; percent-encoding can triple its bytes. */
export const FORM_LIMIT_BYTES = 1024 * KIB;
/** Uploads at their documented limit, plus room for the multipart envelope and the other fields. */
export const UPLOAD_LIMITS: Readonly<Record<string, number>> = { "/admin/people/import": MAX_IMPORT_BYTES + 64 * KIB };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Machine endpoints (SCIM, the conversions webhook) take a bearer token or a signature, never a session, and send JSON: no Origin, only the size limit here. */
const MACHINE_PATHS = [/^\/scim\/v2(\/|$)/, /^\/api\/conversions\/?$/];
/** RFC 8058 one-click unsubscribe is posted by mail clients without an Origin; the action accepts only that exact body. */
const ORIGINLESS_FORMS = [/^\/unsubscribe\/?$/];
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export interface Rejection {
  status: 400 | 403 | 413;
  /** Translation key of the message shown. */
  message: string;
}

export type GuardResult = { ok: true; request: Request } | { ok: false; rejection: Rejection };

export function bodyLimit(pathname: string, contentType: string): number {
  const upload = UPLOAD_LIMITS[pathname.replace(/\/+$/, "")];
  return upload && /^multipart\/form-data/i.test(contentType) ? upload : FORM_LIMIT_BYTES;
}

const reject = (status: Rejection["status"], message: string): GuardResult => ({ ok: false, rejection: { status, message } });

class TooLarge extends Error {}

/** The body's bytes, refusing once more than `limit` arrived (a lying or absent Content-Length included). */
async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function hasNul(form: FormData): boolean {
  for (const [name, value] of form.entries()) {
    if (name.includes("\u0000")) return true;
    if (typeof value === "string" ? value.includes("\u0000") : value.name.includes("\u0000")) return true;
  }
  return false;
}

/**
 * A request an action can read, or why it is refused: 403 from another site, 413 over the limit,
 * 400 when the body is missing, not a form, malformed or carries a NUL character (PostgreSQL refuses them in text).
 */
export async function guardRequest(request: Request): Promise<GuardResult> {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true, request };
  const { pathname } = new URL(request.url);
  const contentType = request.headers.get("Content-Type") ?? "";
  const limit = bodyLimit(pathname, contentType);
  if (MACHINE_PATHS.some((path) => path.test(pathname))) return machineRequest(request, limit);
  if (!isSameOrigin(request) && !ORIGINLESS_FORMS.some((path) => path.test(pathname))) return reject(403, "errors.crossOrigin");
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) return reject(413, "errors.tooLarge");
  if (!FORM_TYPES.test(contentType) || !request.body) return reject(400, "errors.badRequest");
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readLimited(request.body, limit);
  } catch (error) {
    if (error instanceof TooLarge) return reject(413, "errors.tooLarge");
    return reject(400, "errors.badRequest");
  }
  const headers = new Headers(request.headers);
  headers.set("Content-Length", String(bytes.byteLength));
  const init = { method: request.method, headers, body: bytes, signal: request.signal };
  let form: FormData;
  try {
    form = await new Request(request.url, init).formData();
  } catch {
    return reject(400, "errors.badRequest");
  }
  if (hasNul(form)) return reject(400, "errors.nulCharacter");
  // Remix refuses an action whose Origin differs from Host by throwing (a 500); the Origin is ours (checked
  // above), so Host names it, e.g. APP_ORIGIN behind a proxy that does not pass the public Host on.
  const origin = request.headers.get("Origin");
  if (origin && URL.canParse(origin)) headers.set("Host", new URL(origin).host);
  headers.delete("X-Forwarded-Host");
  return { ok: true, request: new Request(request.url, init) };
}

/** A machine request with its body read within the limit; the route checks its token and parses the JSON itself. */
async function machineRequest(request: Request, limit: number): Promise<GuardResult> {
  if (Number(request.headers.get("Content-Length") ?? "0") > limit) return reject(413, "errors.tooLarge");
  if (!request.body) return { ok: true, request };
  try {
    const bytes = await readLimited(request.body, limit);
    const headers = new Headers(request.headers);
    headers.set("Content-Length", String(bytes.byteLength));
    return { ok: true, request: new Request(request.url, { method: request.method, headers, body: bytes, signal: request.signal }) };
  } catch (error) {
    return error instanceof TooLarge ? reject(413, "errors.tooLarge") : reject(400, "errors.badRequest");
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal in the visitor's language: JSON for Remix's data requests, otherwise a small page. */
export async function rejectionResponse(request: Request, { status, message }: Rejection, nonce = ""): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  if (new URL(request.url).searchParams.has("_data")) return Response.json({ message }, { status, headers });
  const locale = await resolveLocale(request).catch(() => "es" as const);
  const t = getFixedT(locale);
  const title = escapeHtml(t("errors.title", { status }));
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Altavoz</title>
<style nonce="${escapeHtml(nonce)}">body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><main id="main" class="error-page"><h1>${title}</h1><p role="alert">${escapeHtml(t(message))}</p><p><a href="/">${escapeHtml(t("errors.backHome"))}</a></p></main></body></html>`;
  return new Response(html, { status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
