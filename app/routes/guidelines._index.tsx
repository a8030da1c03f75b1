import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { guidelineLinks, PersonStatusBadge } from "~/components/guideline";
import { OnboardingGate } from "~/components/onboarding-gate";
import { formatDateTime } from "~/models/core/dates";
import { listGuidelinesForPerson, pendingRequiredGuidelines } from "~/models/guidelines/acknowledgements.server";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = guidelineLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [language, timeZone] = await Promise.all([resolveLocale(request, user.locale), getOrganisationTimeZone(db)]);
  const [guidelines, pending] = await Promise.all([
    listGuidelinesForPerson(db, user.id, language),
    pendingRequiredGuidelines(db, user.id, language),
  ]);
  return json({
    guidelines: guidelines.map((g) => ({
      ...g,
      publishedAt: formatDateTime(g.publishedAt, language, timeZone, false),
      acknowledgedAt: formatDateTime(g.acknowledgedAt, language, timeZone),
    })),
    pending: pending.map((p) => ({ slug: p.slug, title: p.title, version: p.version })),
  });
}

export default function GuidelinesPage() {
  const { t } = useTranslation();
  const { guidelines, pending } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("guidelines.title")}</h1>
      <p>{t("guidelines.intro")}</p>
      <OnboardingGate pending={pending} />
      {guidelines.length === 0 ? <p className="card">{t("guidelines.none")}</p> : null}
      <ul className="guideline-list">
        {guidelines.map((g) => (
          <li key={g.slug} className="card">
            <h2>
              <Link to={`/guidelines/${g.slug}`}>{g.title}</Link>
            </h2>
            <p>
              <span className={`badge ${g.required ? "" : "badge-muted"}`}>
                {t(g.required ? "guidelines.required" : "guidelines.optional")}
              </span>{" "}
              <PersonStatusBadge status={g.status} required={g.required} />{" "}
              <span className="hint">
                {t("guidelines.versionN", { version: g.version })} · {t("guidelines.publishedOn", { date: g.publishedAt })} ·{" "}
                {t("guidelines.rulesCount", { count: g.ruleCount })}
              </span>
            </p>
            <p className="hint">
              {g.status === "acknowledged"
                ? t("guidelines.acknowledgedOn", { date: g.acknowledgedAt })
                : g.status === "outdated"
                  ? t("guidelines.outdatedHint")
                  : g.required
                    ? t("guidelines.pendingRequiredHint")
                    : t("guidelines.pendingOptionalHint")}
            </p>
            <Link className={g.status === "acknowledged" ? "button secondary" : "button"} to={`/guidelines/${g.slug}`}>
              {g.status === "acknowledged" ? t("guidelines.readAgain") : t("guidelines.readAndAccept")}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
