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

/**
 * Tells a person why they cannot share yet and where to go: the required guidelines whose current
 * version they still have to read and accept. Renders nothing when there are none.
 * `context`: "home" for the home page banner, "share" where a share was refused.
 */
export function OnboardingGate({ pending, context = "home" }: { pending: GatePendingGuideline[]; context?: "home" | "share" }) {
  const { t } = useTranslation();
  if (pending.length === 0) return null;
  return (
    <section className="onboarding-gate" aria-labelledby="onboarding-gate-title" data-testid="onboarding-gate">
      <h2 id="onboarding-gate-title">{t(context === "share" ? "guidelines.gate.titleShare" : "guidelines.gate.titleHome")}</h2>
      <p>{t("guidelines.gate.why", { count: pending.length })}</p>
      <ul>
        {pending.map((g) => (
          <li key={g.slug}>
            <Link to={`/guidelines/${g.slug}`}>{t("guidelines.gate.item", { title: g.title, version: g.version })}</Link>
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" to={`/guidelines/${pending[0].slug}`}>
          {t("guidelines.gate.start")}
        </Link>
      </p>
    </section>
  );
}
