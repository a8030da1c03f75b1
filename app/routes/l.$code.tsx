import type { LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/utils/http.server";
import { recordVisit, REDIRECT_HEADERS, resolveTrackedLink } from "~/runtime/tracked-link-redirect.server";
import { localeFromAcceptLanguage } from "~/utils/locale.server";
import { publicPageResponse } from "~/utils/public-page.server";

/**
 * Public tracked link. The server answers known codes before Remix (see app/server.ts); this route
 * serves the same redirect when the app runs without that fast path, and the 404 page for unknown codes:
 * plain HTML in the visitor's browser language (they are the public, not signed-in people), pointing to
 * the brand's website.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const target = await resolveTrackedLink(params.code ?? "");
  if (!target) {
    return publicPageResponse({
      locale: localeFromAcceptLanguage(request.headers.get("Accept-Language")),
      status: 404,
      title: "public.linkNotFoundTitle",
      body: "public.linkNotFound",
      headers: REDIRECT_HEADERS,
    });
  }
  recordVisit(target, { ip: clientIp(context), userAgent: request.headers.get("User-Agent") ?? "", cookieHeader: request.headers.get("Cookie") });
  return new Response(null, { status: 302, headers: { Location: target.destination, ...REDIRECT_HEADERS } });
}
