import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GuidelineBody, guidelineLinks, VersionBadge } from "~/components/guideline";
import { viewGuidelineVersion } from "~/models/guidelines/view.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { hasRole, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = guidelineLinks;

/** Any version that was published, for everyone; a draft only for editors (as a preview). Versions are read-only here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const number = Number(params.number);
  if (!Number.isInteger(number) || number < 1 || number > 1_000_000) notFound();
  const [language, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  const view = await viewGuidelineVersion(db, params.slug ?? "", number, {
    language,
    timeZone,
    userId: user.id,
    canSeeDrafts: hasRole(user, "editor"),
  });
  if (!view) notFound();
  return json({ ...view, isEditor: hasRole(user, "editor") });
}

export default function GuidelineVersionPage() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  const { document, version, text } = view;
  const previous = view.versions.find((v) => v.number < version.number)?.number;
  return (
    <>
      <p>
        <Link to={view.isEditor && version.status === "draft" ? `/manage/guidelines/${document.slug}` : `/guidelines/${document.slug}`}>
          {t("guidelines.version.back")}
        </Link>
      </p>
      <article aria-labelledby="guideline-title">
        <h1 id="guideline-title">{text.title}</h1>
        <p className="guideline-meta">
          {t("guidelines.versionN", { version: version.number })} <VersionBadge status={version.status} />
          {version.publishedAt ? <> · {t("guidelines.publishedOn", { date: version.publishedAt })}</> : null}
        </p>
        {version.status === "superseded" ? (
          <p className="notice notice-warn">
            {t("guidelines.version.supersededNotice", { date: version.supersededAt })}{" "}
            <Link to={`/guidelines/${document.slug}`}>{t("guidelines.version.readCurrent", { version: view.currentVersion })}</Link>
          </p>
        ) : version.status === "draft" ? (
          <p className="notice notice-warn">{t("guidelines.version.draftNotice")}</p>
        ) : (
          <p className="notice">
            {t("guidelines.version.currentNotice")} <Link to={`/guidelines/${document.slug}`}>{t("guidelines.version.goToAccept")}</Link>
          </p>
        )}
        {view.acknowledgement ? (
          <p className="notice notice-success">{t("guidelines.version.acknowledgedNotice", { date: view.acknowledgement.at })}</p>
        ) : null}
        {view.fallback ? <p className="notice">{t("guidelines.document.languageFallback")}</p> : null}
        {previous ? (
          <p>
            <Link to={`/guidelines/${document.slug}/diff?from=${previous}&to=${version.number}`}>
              {t("guidelines.version.changesFrom", { version: previous })}
            </Link>
          </p>
        ) : null}
        {version.changeNote ? <p className="notice">{t("guidelines.document.changeNote", { note: version.changeNote })}</p> : null}
        <GuidelineBody text={text} />
      </article>
    </>
  );
}
