import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { navItemsFor } from "~/components/navigation";
import { AmbassadorBadge, gateLinks, OnboardingGate } from "~/components/onboarding-gate";
import { onboardingGateData } from "~/models/onboarding/status.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = gateLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Required guidelines not yet accepted and required workshops not yet completed: the banner says why
  // sharing is not possible yet and where to go; once done, the person is a certified ambassador.
  const onboarding = await onboardingGateData(db, user.id, await resolveLocale(request, user.locale));
  return json({ name: user.name, roles: user.roles, ...onboarding });
}

export default function HomePage() {
  const { t } = useTranslation();
  const { name, roles, pendingGuidelines, pendingWorkshops, ambassador } = useLoaderData<typeof loader>();
  const shortcuts = navItemsFor(roles).filter((item) => item.to !== "/");
  return (
    <>
      <h1>{t("home.greeting", { name })}</h1>
      {ambassador ? (
        <p>
          <AmbassadorBadge /> {t("onboarding.badge.home")}
        </p>
      ) : null}
      <OnboardingGate pending={pendingGuidelines} workshops={pendingWorkshops} />
      <p>
        {t("home.yourRoles")}{" "}
        {roles.map((role) => (
          <span key={role} className="badge">
            {t(`roles.${role}`)}
          </span>
        ))}
      </p>
      <div className="grid">
        {shortcuts.map((item) => (
          <Link key={item.to} to={item.to} className="card">
            {t(item.label)}
          </Link>
        ))}
      </div>
    </>
  );
}
