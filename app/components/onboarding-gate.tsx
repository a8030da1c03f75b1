import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { guidelineLinks } from "./guideline";

/** The gate's styles: add to the `links` of a route that shows it. */
export const gateLinks = guidelineLinks;

export interface GatePendingGuideline {
  slug: string;
  title: string;
  version: number;
}

export interface GatePendingWorkshop {
  slug: string;
  title: string;
  /** Formatted due date, or null when the workshop has no due period. */
  due?: string | null;
  overdue?: boolean;
}

/**
 * Tells a person why they cannot share yet and where to go: the required guidelines whose current
 * version they still have to read and accept, and the required workshops they still have to complete.
 * Renders nothing when there are none.
 * `context`: "home" for the home page banner, "share" where a share was refused.
 */
export function OnboardingGate({
  pending,
  workshops = [],
  context = "home",
}: {
  pending: GatePendingGuideline[];
  workshops?: GatePendingWorkshop[];
  context?: "home" | "share";
}) {
  const { t } = useTranslation();
  if (pending.length === 0 && workshops.length === 0) return null;
  const title = pending.length
    ? context === "share"
      ? "guidelines.gate.titleShare"
      : "guidelines.gate.titleHome"
    : context === "share"
      ? "guidelines.gate.titleShare"
      : "onboarding.gate.titleWorkshops";
  return (
    <section className="onboarding-gate" aria-labelledby="onboarding-gate-title" data-testid="onboarding-gate">
      <h2 id="onboarding-gate-title">{t(title)}</h2>
      {pending.length ? (
        <>
          <p>{t("guidelines.gate.why", { count: pending.length })}</p>
          <ul>
            {pending.map((g) => (
              <li key={g.slug}>
                <Link to={`/guidelines/${g.slug}`}>{t("guidelines.gate.item", { title: g.title, version: g.version })}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {workshops.length ? (
        <>
          <p>{t("onboarding.gate.workshopsWhy", { count: workshops.length })}</p>
          <ul data-testid="onboarding-gate-workshops">
            {workshops.map((w) => (
              <li key={w.slug}>
                <Link to={`/workshops/${w.slug}`}>{w.title}</Link>
                {w.due ? (
                  <span className={w.overdue ? "field-error" : "hint"}>
                    {" "}
                    · {t(w.overdue ? "onboarding.gate.overdueSince" : "onboarding.gate.dueBy", { date: w.due })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {pending.length ? (
          <Link className="button" to={`/guidelines/${pending[0].slug}`}>
            {t("guidelines.gate.start")}
          </Link>
        ) : (
          <Link className="button" to={`/workshops/${workshops[0].slug}`}>
            {t("onboarding.gate.startWorkshop")}
          </Link>
        )}
      </p>
    </section>
  );
}

/** The certified ambassador badge, for people who finished onboarding. */
export function AmbassadorBadge({ testId = "ambassador-badge" }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="badge badge-success ambassador-badge" data-testid={testId} title={t("onboarding.badge.hint")}>
      {t("onboarding.badge.label")}
    </span>
  );
}
