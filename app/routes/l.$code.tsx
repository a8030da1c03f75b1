import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { clientIp } from "~/utils/http.server";
import { recordVisit, REDIRECT_HEADERS, resolveTrackedLink } from "~/runtime/tracked-link-redirect.server";

/**
 * Public tracked link. The server answers known codes before Remix (see app/server.ts); this route
 * serves the same redirect when the app runs without that fast path, and the 404 page for unknown codes.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const target = await resolveTrackedLink(params.code ?? "");
  if (!target) throw json({ message: "errors.linkNotFound" }, { status: 404 });
  recordVisit(target, { ip: clientIp(context), userAgent: request.headers.get("User-Agent") ?? "", cookieHeader: request.headers.get("Cookie") });
  return new Response(null, { status: 302, headers: { Location: target.destination, ...REDIRECT_HEADERS } });
}
