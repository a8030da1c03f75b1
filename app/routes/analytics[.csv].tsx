import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEmvRates } from "~/models/sharing/amplification.server";
import { amplificationTable, trend } from "~/models/analytics/queries.server";
import { amplificationCsv, parseRange, parseTable, trendCsv } from "~/models/analytics/present.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

/** /analytics.csv?table=items|networks|departments|campaigns|people|trend&from=YYYY-MM-DD&to=YYYY-MM-DD: every row, no cut. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const params = new URL(request.url).searchParams;
  const table = parseTable(params.get("table"));
  if (!table) notFound();
  const [locale, timeZone, rates] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db), getEmvRates(db)]);
  const { range, from, to } = parseRange(params, timeZone);
  const t = getFixedT(locale);
  let csv: string;
  if (table === "trend") {
    const over = await trend(db, range, timeZone);
    csv = trendCsv(t, over.points, over.granularity, timeZone);
  } else {
    csv = amplificationCsv(t, table, (await amplificationTable(db, table, range)).rows, rates.currency);
  }
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="altavoz-${table}-${from}-${to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
