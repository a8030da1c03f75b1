import type { LoaderFunctionArgs } from "@remix-run/node";
import { AUDIT_ACTIONS, auditCsvStream } from "~/models/audit/log.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

/** /admin/audit.csv?action=: the audit trail, newest first, streamed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const requested = new URL(request.url).searchParams.get("action");
  const action = requested && (AUDIT_ACTIONS as readonly string[]).includes(requested) ? requested : undefined;
  const [locale, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  return new Response(auditCsvStream(db, { action, t: getFixedT(locale), locale, timeZone }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
