import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AmbassadorBadge, gateLinks, OnboardingGate } from "~/components/onboarding-gate";
import { LessonProgress, WorkshopStatusBadge, workshopLinks } from "~/components/workshop";
import { onboardingGateData } from "~/models/onboarding/status.server";
import { workshopList } from "~/models/workshops/view.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { resolveLocale } from "~/utils/locale.server";

export const links = () => [...gateLinks(), ...workshopLinks()];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await resolveLocale(request, user.locale);
  const [workshops, onboarding] = await Promise.all([workshopList(db, user.id, language), onboardingGateData(db, user.id, language)]);
  return json({ workshops, onboarding });
}

export default function WorkshopsPage() {
  const { t } = useTranslation();
  const { workshops, onboarding } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("workshops.title")}</h1>
      <p>{t("workshops.intro")}</p>
      {onboarding.ambassador ? (
        <p className="notice">
          <AmbassadorBadge /> {t("onboarding.badge.home")}
        </p>
      ) : (
        <OnboardingGate pending={onboarding.pendingGuidelines} workshops={onboarding.pendingWorkshops} />
      )}
      {workshops.length === 0 ? <p className="card">{t("workshops.none")}</p> : null}
      <div className="grid">
        {workshops.map((w) => (
          <article key={w.slug} className="card" aria-labelledby={`workshop-${w.slug}`}>
            <h2 id={`workshop-${w.slug}`}>
              <Link to={`/workshops/${w.slug}`}>{w.title}</Link>
            </h2>
            <p>
              <WorkshopStatusBadge status={w.status} overdue={w.overdue} />{" "}
              {w.required ? (
                <span className="badge">{t("workshops.required")}</span>
              ) : (
                <span className="badge badge-muted">{t("workshops.optional")}</span>
              )}
            </p>
            <p>{w.summary}</p>
            <p className="hint">
              {t("workshops.duration", { minutes: w.durationMinutes })}
              {w.hasQuiz ? ` · ${t("workshops.withQuiz")}` : ""}
              {w.due && w.status !== "completed"
                ? ` · ${t(w.overdue ? "workshops.overdueSince" : "workshops.dueBy", { date: w.due })}`
                : ""}
            </p>
            {w.status === "completed" ? (
              <p>
                {t("workshops.completedOn", { date: w.completedAt })} ·{" "}
                <Link to={`/workshops/${w.slug}/certificate`}>{t("workshops.certificate.link")}</Link>
              </p>
            ) : (
              <LessonProgress done={w.lessonsDone} total={w.lessons} />
            )}
          </article>
        ))}
      </div>
    </>
  );
}
