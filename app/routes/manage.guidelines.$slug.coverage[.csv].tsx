import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDocumentBySlug, listVersions } from "~/models/guidelines/documents.server";
import { coverageCsv, coverageRows } from "~/models/guidelines/coverage.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { getFixedT } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

/** /manage/guidelines/<slug>/coverage.csv?version=<n>: every employee and whether they acknowledged that version (default: the current one). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "editor", "hr", "admin");
  const document = await getDocumentBySlug(db, params.slug ?? "");
  if (!document) notFound();
  const wanted = new URL(request.url).searchParams.get("version");
  const versions = (await listVersions(db, document.id)).filter((v) => v.status !== "draft");
  const version = versions.find((v) => String(v.version) === wanted) ?? versions.find((v) => v.status === "published");
  if (!version) notFound();
  const [language, timeZone, rows] = await Promise.all([
    resolveLocale(request, user.locale),
    getOrganisationTimeZone(db),
    coverageRows(db, document.id, version.id),
  ]);
  const csv = coverageCsv(rows, getFixedT(language), timeZone, version.version);
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${document.slug}-v${version.version}-coverage.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
