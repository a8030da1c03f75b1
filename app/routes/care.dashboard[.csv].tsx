import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCareSettings } from "~/models/conversations/care-settings.server";
import { dashboardCsv } from "~/models/conversations/dashboard-csv.server";
import { careDashboard, parseWeeks } from "~/models/conversations/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

/** /care/dashboard.csv?weeks=4|12|26: the dashboard's figures, every breakdown. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "care", "admin");
  const weeks = parseWeeks(new URL(request.url).searchParams.get("weeks"));
  const [settings, locale] = await Promise.all([getCareSettings(db), resolveLocale(request, user.locale)]);
  const csv = dashboardCsv(getFixedT(locale), await careDashboard(db, { weeks, timeZone: settings.timeZone }));
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="altavoz-customer-care-${weeks}w.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
