import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Shows 403/404/400 answers as translated pages; anything unexpected as a generic 500. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  let status = 500;
  let message = t("errors.unexpected");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const key = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : "";
    message =
      key && i18n.exists(key) ? t(key) : t(status === 404 ? "errors.notFound" : status === 403 ? "errors.forbidden" : "errors.unexpected");
  } else if (typeof document === "undefined") {
    console.error(error);
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t("errors.title", { status })}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
