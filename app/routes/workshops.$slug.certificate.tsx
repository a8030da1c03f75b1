import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { workshopLinks } from "~/components/workshop";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { certificateFor } from "~/models/workshops/my-workshops.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

export const links = workshopLinks;

/** The printable certificate, only for a person who completed the workshop. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLocale(request, user.locale);
  const certificate = await certificateFor(db, user.id, params.slug ?? "", language);
  if (!certificate)
    throw await redirectWithToast(`/workshops/${encodeURIComponent(params.slug ?? "")}`, {
      message: "workshops.certificate.notYet",
      kind: "error",
    });
  const timeZone = await getOrganisationTimeZone(db);
  return json({ ...certificate, completedAt: formatDateTime(certificate.completedAt, language, timeZone, false) });
}

export default function CertificatePage() {
  const { t } = useTranslation();
  const c = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print">
        <Link to={`/workshops/${c.slug}`}>{t("workshops.certificate.back")}</Link> ·{" "}
        <button type="button" className="button-small" onClick={() => window.print()}>
          {t("workshops.certificate.print")}
        </button>
      </p>
      <article className="certificate" aria-labelledby="certificate-title" data-testid="certificate">
        <p className="certificate-kicker">Altavoz</p>
        <h1 id="certificate-title">{t("workshops.certificate.heading")}</h1>
        <p>{t("workshops.certificate.certifies")}</p>
        <p className="certificate-name">{c.name}</p>
        <p>{t(c.method === "attendance" ? "workshops.certificate.attended" : "workshops.certificate.completed")}</p>
        <p className="certificate-title">{c.title}</p>
        {c.durationMinutes ? <p>{t("workshops.duration", { minutes: c.durationMinutes })}</p> : null}
        <p className="certificate-meta">
          {t("workshops.certificate.date", { date: c.completedAt })} · {t("workshops.certificate.id", { id: c.certificateId })}
        </p>
      </article>
    </>
  );
}
