import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GraduationSection, WaveSection } from "~/components/cohorts/wave-sections";
import { championsOfScope } from "~/models/champions/champions.server";
import { cohortOptions, getCohort } from "~/models/cohorts/cohorts.server";
import { cohortGraduates, setGraduationCriteria } from "~/models/cohorts/graduation.server";
import { GraduationSchema, WaveSchema } from "~/models/cohorts/schema";
import { openNextWave, waveOpening } from "~/models/cohorts/waves.server";
import { cohortProgress, type GroupFigures } from "~/models/cohorts/progress.server";
import { formatDateTime } from "~/models/core/dates";
import { getOrganisationTimeZone } from "~/models/core/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db, getReadDb } from "~/utils/db.server";
import { parseFormData } from "~/utils/forms";
import { invalid, notFound, requestOrigin } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { errorsOf } from "~/utils/action-result";

const GRADUATES_SHOWN = 500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const cohort = await getCohort(db, params.id ?? "");
  if (!cohort) notFound();
  const [progress, timeZone, locale, graduation, options, openings, champions] = await Promise.all([
    cohortProgress(getReadDb(), cohort.id),
    getOrganisationTimeZone(db),
    resolveLocale(request, user.locale),
    cohortGraduates(getReadDb(), cohort.id),
    cohortOptions(db),
    waveOpening(db, cohort.id),
    championsOfScope(db, { kind: "cohort", id: cohort.id }),
  ]);
  if (!progress || !graduation) notFound();
  return json({
    id: cohort.id,
    name: cohort.name,
    startsOn: formatDateTime(cohort.starts_at, locale, timeZone, false),
    endsOn: formatDateTime(cohort.ends_at - 1, locale, timeZone, false),
    departments: cohort.departments.map((d) => d.name),
    people: cohort.people.map((p) => ({ id: p.id, name: p.name, department: p.department_name, status: p.status })),
    weeks: progress.weeks.length,
    cohort: progress.cohort,
    rest: progress.rest,
    goals: progress.goals,
    graduation: {
      criteria: graduation.criteria,
      graduates: graduation.people.filter((p) => p.graduated).length,
      people: graduation.people.slice(0, GRADUATES_SHOWN),
    },
    others: options.filter((o) => o.id !== cohort.id),
    openings,
    champions: champions.map((c) => c.name),
  });
}

/** Intents: "graduation" (the criteria) and "open-wave" (open the chosen wave after this one, once). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin", "hr");
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "graduation") {
    const parsed = parseFormData(GraduationSchema, formData);
    if (!parsed.success) return invalid(parsed.errors);
    if (!(await setGraduationCriteria(db, id, parsed.data))) notFound();
    return redirectWithToast(`/admin/cohorts/${id}`, { message: "cohorts.toasts.graduationSaved" });
  }
  if (intent === "open-wave") {
    const parsed = parseFormData(WaveSchema, formData);
    if (!parsed.success) return invalid({ "": parsed.errors.cohortId ?? "validation.invalid" });
    const result = await openNextWave(db, { pilotId: id, cohortId: parsed.data.cohortId, actor: user, origin: requestOrigin(request) });
    if (!result.ok) return invalid({ "": result.error });
    return redirectWithToast(`/admin/cohorts/${id}`, {
      message: "cohorts.toasts.waveOpened",
      values: { invited: result.invited, champions: result.champions },
    });
  }
  return invalid({ "": "validation.invalid" });
}

type Metric = "participation" | "shares" | "uniqueClicks" | "conversions";

function GoalRow({ metric, cohort, rest, goal }: { metric: Metric; cohort: GroupFigures; rest: GroupFigures; goal: number | null }) {
  const { t } = useTranslation();
  const value = cohort[metric];
  const perPerson =
    metric === "shares"
      ? [cohort.sharesPerPerson, rest.sharesPerPerson]
      : metric === "uniqueClicks"
        ? [cohort.uniqueClicksPerPerson, rest.uniqueClicksPerPerson]
        : null;
  return (
    <tr>
      <th scope="row">{t(`cohorts.metrics.${metric}`)}</th>
      <td data-testid={`cohort-${metric}`}>{metric === "participation" ? `${value} %` : value}</td>
      <td>{goal === null ? "—" : metric === "participation" ? `${goal} %` : goal}</td>
      <td>{goal === null ? "—" : t(value >= goal ? "cohorts.reached" : "cohorts.toGo", { count: Math.max(0, goal - value) })}</td>
      <td>
        {perPerson
          ? t("cohorts.perPerson", { cohort: perPerson[0], rest: perPerson[1] })
          : metric === "conversions"
            ? rest.conversions
            : `${rest.participation} %`}
      </td>
    </tr>
  );
}

export default function CohortPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  return (
    <>
      <p>
        <Link to="/admin/cohorts">{t("cohorts.back")}</Link>
      </p>
      <h1>{data.name}</h1>
      <p className="hint">
        {data.startsOn} – {data.endsOn} · {t("cohorts.weeks", { count: data.weeks })} ·{" "}
        {t("cohorts.peopleCount", { count: data.cohort.people })}
        {data.departments.length ? ` · ${data.departments.join(", ")}` : ""}
      </p>
      <h2>{t("cohorts.progress")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("cohorts.metric")}</th>
              <th scope="col">{t("cohorts.thisCohort")}</th>
              <th scope="col">{t("cohorts.goal")}</th>
              <th scope="col">{t("cohorts.againstGoal")}</th>
              <th scope="col">{t("cohorts.restOfCompany", { count: data.rest.people })}</th>
            </tr>
          </thead>
          <tbody>
            <GoalRow metric="participation" cohort={data.cohort} rest={data.rest} goal={data.goals.participation} />
            <GoalRow metric="shares" cohort={data.cohort} rest={data.rest} goal={data.goals.shares} />
            <GoalRow metric="uniqueClicks" cohort={data.cohort} rest={data.rest} goal={data.goals.uniqueClicks} />
            <GoalRow metric="conversions" cohort={data.cohort} rest={data.rest} goal={data.goals.conversions} />
          </tbody>
        </table>
      </div>
      <GraduationSection graduation={data.graduation} errors={errors} />
      <WaveSection
        cohortId={data.id}
        others={data.others}
        openings={data.openings}
        champions={data.champions}
        error={errors?.[""]}
        canOpen
      />
      <h2>{t("cohorts.people")}</h2>
      <ul>
        {data.people.map((person) => (
          <li key={person.id}>
            {person.name}
            {person.department ? ` (${person.department})` : ""}
            {person.status !== "active" ? ` · ${t(`cohorts.status.${person.status}`)}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
