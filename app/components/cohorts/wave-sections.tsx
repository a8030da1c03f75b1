import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/forms";

interface Graduation {
  criteria: { onboarded: boolean; shares: number | null; uniqueClicks: number | null };
  people: { id: string; name: string; onboarded: boolean; shares: number; uniqueClicks: number; graduated: boolean }[];
  graduates: number;
}

function FieldMessage({ error }: { error?: string }) {
  const { t } = useTranslation();
  return error ? (
    <p className="field-error" role="alert">
      {t(error)}
    </p>
  ) : null;
}

/** The wave's graduation criteria (a form) and who meets them. */
export function GraduationSection({ graduation, errors }: { graduation: Graduation; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const { criteria } = graduation;
  const any = criteria.onboarded || criteria.shares !== null || criteria.uniqueClicks !== null;
  return (
    <section className="card" aria-labelledby="graduation">
      <h2 id="graduation">{t("cohorts.graduation.title")}</h2>
      <p className="hint">{t("cohorts.graduation.intro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="graduation" />
        <label className="checkbox">
          <input type="checkbox" name="onboarded" defaultChecked={criteria.onboarded} /> {t("cohorts.graduation.onboarded")}
        </label>
        <div className="field">
          <label htmlFor="graduation-shares">{t("cohorts.graduation.shares")}</label>
          <input id="graduation-shares" name="shares" inputMode="numeric" defaultValue={criteria.shares ?? ""} />
          <FieldMessage error={errors?.shares} />
        </div>
        <div className="field">
          <label htmlFor="graduation-clicks">{t("cohorts.graduation.uniqueClicks")}</label>
          <input id="graduation-clicks" name="uniqueClicks" inputMode="numeric" defaultValue={criteria.uniqueClicks ?? ""} />
          <FieldMessage error={errors?.uniqueClicks} />
        </div>
        <button type="submit">{t("cohorts.graduation.save")}</button>
      </Form>
      {any ? (
        <>
          <p data-testid="graduates-count">{t("cohorts.graduation.graduates", { count: graduation.graduates })}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("cohorts.graduation.person")}</th>
                  <th scope="col">{t("cohorts.graduation.onboarded")}</th>
                  <th scope="col">{t("cohorts.metrics.shares")}</th>
                  <th scope="col">{t("cohorts.metrics.uniqueClicks")}</th>
                  <th scope="col">{t("cohorts.graduation.graduated")}</th>
                </tr>
              </thead>
              <tbody>
                {graduation.people.map((person) => (
                  <tr key={person.id}>
                    <th scope="row">{person.name}</th>
                    <td>{t(person.onboarded ? "cohorts.graduation.yes" : "cohorts.graduation.no")}</td>
                    <td>{person.shares}</td>
                    <td>{person.uniqueClicks}</td>
                    <td>{t(person.graduated ? "cohorts.graduation.yes" : "cohorts.graduation.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{t("cohorts.graduation.none")}</p>
      )}
    </section>
  );
}

interface Opening {
  cohort_id: string;
  pilot_cohort_id: string;
  name: string;
  pilot_name: string;
  invited: number;
  champions: number;
}

/** Opening the next wave (once), what openings this wave took part in, and its champions. */
export function WaveSection(props: {
  cohortId: string;
  others: { id: string; name: string }[];
  openings: Opening[];
  champions: string[];
  error?: string;
  canOpen: boolean;
}) {
  const { t } = useTranslation();
  const openedNext = props.openings.some((o) => o.pilot_cohort_id === props.cohortId);
  return (
    <section className="card" aria-labelledby="next-wave">
      <h2 id="next-wave">{t("cohorts.wave.title")}</h2>
      {props.openings.map((o) => (
        <p key={o.cohort_id} data-testid="wave-opened">
          {t("cohorts.wave.opened", { name: o.name, pilot: o.pilot_name, invited: o.invited, champions: o.champions })}
        </p>
      ))}
      {!openedNext && props.canOpen ? (
        <>
          <p className="hint">{t("cohorts.wave.intro")}</p>
          <FormError error={props.error} />
          {props.others.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="open-wave" />
              <div className="field">
                <label htmlFor="next-wave-cohort">{t("cohorts.wave.choose")}</label>
                <select id="next-wave-cohort" name="cohortId">
                  {props.others.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">{t("cohorts.wave.open")}</button>
            </Form>
          ) : (
            <p>{t("cohorts.wave.noOther")}</p>
          )}
        </>
      ) : null}
      <h3>{t("cohorts.championsTitle")}</h3>
      {props.champions.length ? (
        <ul>
          {props.champions.map((name, i) => (
            <li key={i}>{name}</li>
          ))}
        </ul>
      ) : (
        <p>{t("cohorts.noChampions")}</p>
      )}
    </section>
  );
}
