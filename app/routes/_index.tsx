import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { navItemsFor } from "~/components/navigation";
import { gateLinks, OnboardingGate } from "~/components/onboarding-gate";
import { pendingRequiredGuidelines } from "~/models/guideline.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = gateLinks;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Required guidelines not yet accepted: the banner says why sharing is not possible yet and where to go.
  const pending = await pendingRequiredGuidelines(db, user.id, await resolveLocale(request, user.locale));
  return json({ name: user.name, roles: user.roles, pendingGuidelines: pending.map((g) => ({ slug: g.slug, title: g.title, version: g.version })) });
}

export default function HomePage() {
  const { t } = useTranslation();
  const { name, roles, pendingGuidelines } = useLoaderData<typeof loader>();
  const shortcuts = navItemsFor(roles).filter((item) => item.to !== "/");
  return (
    <>
      <h1>{t("home.greeting", { name })}</h1>
      <OnboardingGate pending={pendingGuidelines} />
      <p>
        {t("home.yourRoles")}{" "}
        {roles.map((role) => (
          <span key={role} className="badge">{t(`roles.${role}`)}</span>
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
