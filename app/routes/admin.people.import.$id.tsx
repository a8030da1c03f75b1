import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { RowErrorsTable } from "~/components/people-upload";
import { getPeopleImport, importProgress } from "~/models/people/import.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin", "hr");
  const result = await getPeopleImport(db, params.id ?? "");
  if (!result) notFound();
  const { error_report: _report, ...rest } = result;
  return json({ result: rest, progress: importProgress(result) });
}

export default function ImportResultPage() {
  const { t } = useTranslation();
  const { result, progress } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const working = result.status === "running" || progress !== null;
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [working, revalidator]);
  return (
    <>
      <p>
        <Link to="/admin/people/import">← {t("people.import.title")}</Link>
      </p>
      <h1>{t("people.import.resultTitle", { filename: result.filename })}</h1>
      <section className="card" aria-live="polite">
        <p>
          <strong>{t(`people.import.status.${result.status}`)}</strong>
        </p>
        {working ? (
          <>
            <progress max={progress?.total || 1} value={progress?.done ?? 0} aria-label={t("people.import.importing")} />
            <p>
              {t("people.import.importing")} {progress ? `${progress.done} / ${progress.total}` : null}
            </p>
            <noscript>{t("people.import.reload")}</noscript>
          </>
        ) : null}
        <p data-testid="import-summary">
          {t("people.import.summary", { imported: result.imported_rows, total: result.total_rows, rejected: result.rowErrors.length })}
        </p>
        {result.status === "failed" ? (
          <p className="form-error" role="alert">
            {result.failure ? `${t(result.failure)} ` : null}
            {t("people.import.failedHint")}
          </p>
        ) : null}
      </section>
      <RowErrorsTable id="errors-title" rows={result.rowErrors} />
    </>
  );
}
