import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEmvRates } from "~/models/sharing/amplification.server";
import { analyticsTable, findCohortFilter } from "~/models/analytics/cohort-analytics.server";
import { trend } from "~/models/analytics/trend.server";
import { amplificationCsvColumns, parseRange, parseTable, trendCsvColumns } from "~/models/analytics/present.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { csvResponse } from "~/utils/csv-stream.server";
import { db, getReadDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { campaignResultsById } from "~/models/conversions/campaign-results.server";
import { campaignCostCsvColumns } from "~/models/conversions/campaign-results-present.server";

/**
 * /analytics.csv?table=items|networks|departments|campaigns|people|trend&from=YYYY-MM-DD&to=YYYY-MM-DD[&cohort=<id>]:
 * every row, no cut; with a cohort, its members' figures only (an unknown cohort is not found).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const params = new URL(request.url).searchParams;
  const table = parseTable(params.get("table"));
  if (!table) notFound();
  const [locale, timeZone, rates] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db), getEmvRates(db)]);
  const { range, from, to } = parseRange(params, timeZone);
  const cohortParam = params.get("cohort");
  const cohort = cohortParam ? await findCohortFilter(db, cohortParam) : null;
  if (cohortParam && !cohort) notFound();
  const cohortId = cohort?.id;
  const t = getFixedT(locale);
  const read = getReadDb();
  const filename = `altavoz-${table}-${from}-${to}${cohort ? "-cohort" : ""}.csv`;
  if (table === "trend") {
    const over = await trend(read, range, timeZone, { cohortId });
    const { fields, cells } = trendCsvColumns(t, over.granularity, timeZone);
    return csvResponse(filename, fields, over.points, cells);
  }
  const { fields, cells } = amplificationCsvColumns(t, table, rates.currency);
  const { rows } = await analyticsTable(read, table, range, { timeZone, cohortId });
  if (table === "campaigns" && !cohortId) {
    // Budget and cost per lead beside each campaign's figures (the whole organisation's leads: not for a cohort).
    const costs = campaignCostCsvColumns(
      t,
      await campaignResultsById(
        read,
        rows.map((r) => r.key),
        { timeZone },
      ),
    );
    return csvResponse(filename, [...fields, ...costs.fields], rows, (r: (typeof rows)[number]) => [...cells(r), ...costs.cells(r.key)]);
  }
  return csvResponse(filename, fields, rows, cells);
}
