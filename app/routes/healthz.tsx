import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { db, isDatabaseReachable } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";
import { publicPageResponse, wantsHtml } from "~/utils/public-page.server";

/**
 * Liveness and readiness in one: 200 when the database answers, 503 when it does not. Monitors get
 * JSON; a browser (the login page's "Service status" link) gets the same answer as a translated page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const database = await isDatabaseReachable(db);
  const status = database ? 200 : 503;
  const headers = { "Cache-Control": "no-store" };
  if (wantsHtml(request)) {
    return publicPageResponse({
      locale: await resolveLocale(request),
      status,
      title: database ? "public.statusOk" : "public.statusDown",
      body: database ? "public.statusOkBody" : "public.statusDownBody",
      link: { href: "/login", label: "public.toLogin" },
      headers,
    });
  }
  return json({ status: database ? "ok" : "unavailable", database }, { status, headers });
}
