import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FollowerQuestion } from "~/components/followers-form";
import { ChallengeCard, leaderboardLinks } from "~/components/leaderboard";
import { ChampionGroups } from "~/components/champions/home-groups";
import { HomeResults, HomeSession, NewToShare, homeLinks } from "~/components/home";
import { navItemsFor } from "~/components/navigation";
import { StaffQueueList } from "~/components/staff-queue";
import { AmbassadorBadge, gateLinks, OnboardingGate } from "~/components/onboarding-gate";
import { championScopes } from "~/models/champions/champions.server";
import { ambassadorHome } from "~/models/home.server";
import { staffQueues } from "~/models/staff-queue.server";
import { onboardingGateData } from "~/models/onboarding/status.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = () => [...gateLinks(), ...leaderboardLinks(), ...homeLinks()];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user.locale);
  const now = Date.now();
  // Required guidelines not yet accepted and required workshops not yet completed: the banner says why
  // sharing is not possible yet and where to go; once done, the person is a certified ambassador.
  const [onboarding, home, queues, championOf] = await Promise.all([
    onboardingGateData(db, user.id, locale, now),
    ambassadorHome(db, { id: user.id, departmentId: user.departmentId }, locale, now),
    staffQueues(db, { id: user.id, roles: user.roles }, now),
    championScopes(db, user.id),
  ]);
  return json({ name: user.name, roles: user.roles, locale, ...onboarding, home, queues, championOf });
}

export default function HomePage() {
  const { t } = useTranslation();
  const { name, roles, locale, pendingGuidelines, pendingWorkshops, ambassador, home, queues, championOf } = useLoaderData<typeof loader>();
  const stepsLeft = pendingGuidelines.length + pendingWorkshops.length;
  // Staff see their work places; everyone's own places are in the navigation and the bottom bar.
  const staffPlaces = navItemsFor(roles).filter((item) => item.group === "manage" || item.group === "admin");
  return (
    <>
      <h1>{t("home.greeting", { name })}</h1>
      {ambassador ? (
        <p>
          <AmbassadorBadge /> {t("onboarding.badge.home")}
        </p>
      ) : (
        <p className="home-next" data-testid="home-next-step">
          <strong>{t("experience.home.stepsLeft", { count: stepsLeft })}</strong> {t("experience.home.stepsWhy")}
        </p>
      )}
      {ambassador && home.followersUnknown ? <FollowerQuestion /> : null}
      <OnboardingGate pending={pendingGuidelines} workshops={pendingWorkshops} />
      <ChampionGroups groups={championOf} />
      {staffPlaces.length ? (
        <section aria-labelledby="home-work">
          <h2 id="home-work">{t("experience.home.work")}</h2>
          <StaffQueueList queues={queues} />
          <p>
            {t("home.yourRoles")}{" "}
            {roles.map((role) => (
              <span key={role} className="badge">
                {t(`roles.${role}`)}
              </span>
            ))}
          </p>
          <ul className="place-links">
            {staffPlaces.map((item) => (
              <li key={item.to}>
                <Link to={item.to}>{t(item.label)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <NewToShare items={home.newItems} total={home.newItemsTotal} canShare={ambassador} />
      <HomeResults
        week={home.week}
        results={home.results}
        sharesTotal={home.sharesTotal}
        reachMissing={home.reachMissing}
        locale={locale}
      />
      {home.challenge ? (
        <section aria-labelledby="home-challenge">
          <h2 id="home-challenge">{t("experience.home.challengeTitle")}</h2>
          <ul className="home-challenge">
            <ChallengeCard challenge={home.challenge} locale={locale} />
          </ul>
        </section>
      ) : null}
      {home.session ? <HomeSession session={home.session} /> : null}
    </>
  );
}
