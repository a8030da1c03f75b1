import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { onboardingPeople, parseDashboardFilter } from "~/models/onboarding/dashboard.server";
import { onboardingCsv } from "~/models/onboarding/csv.server";
import { pickLanguage } from "~/models/core/locale";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db, getReadDb } from "~/utils/db.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

/** /hr/onboarding.csv?department=&from=&to=: every person in the filter and where they stand. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr", "admin");
  const { filter, error } = parseDashboardFilter(new URL(request.url).searchParams);
  if (error) return json({ message: error }, { status: 400 });
  const [language, timeZone, data] = await Promise.all([
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    onboardingPeople(getReadDb(), filter),
  ]);
  const workshops = data.workshops.map((w) => ({ id: w.id, title: pickLanguage(w.titles, language)?.text ?? w.slug }));
  const csv = onboardingCsv(data.people, workshops, getFixedT(language), timeZone);
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="onboarding.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
