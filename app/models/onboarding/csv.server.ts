/** The onboarding dashboard's CSV export: one row per person in the filter. */
import Papa from "papaparse";
import type { TFunction } from "i18next";
import { toLocalDateInput } from "~/models/core/dates";
import type { PersonOnboarding } from "./dashboard.server";

/** One row per person; cells a spreadsheet would run as a formula get a leading '. */
export function onboardingCsv(
  people: PersonOnboarding[],
  workshops: { id: string; title: string }[],
  t: TFunction,
  timeZone: string,
): string {
  const date = (at: number | null) => (at === null ? "" : toLocalDateInput(at, timeZone));
  const yes = (v: boolean) => t(v ? "onboarding.csv.yes" : "onboarding.csv.no");
  const header = [
    t("onboarding.csv.name"),
    t("onboarding.csv.email"),
    t("onboarding.csv.department"),
    t("onboarding.csv.joined"),
    t("onboarding.csv.activated"),
    t("onboarding.csv.guidelines"),
    ...workshops.map((w) => w.title),
    t("onboarding.csv.ambassador"),
    t("onboarding.csv.state"),
    t("onboarding.csv.dueAt"),
    t("onboarding.csv.lastReminded"),
  ];
  const data = people.map((p) => [
    p.name,
    p.email,
    p.department ?? "",
    date(p.joinedAt),
    yes(p.status === "active"),
    yes(p.guidelinesDone),
    ...workshops.map((w) => (p.workshopsRequired.includes(w.id) ? yes(p.workshopsDone.includes(w.id)) : t("onboarding.csv.notRequired"))),
    yes(p.ambassador),
    t(`onboarding.states.${p.state}`),
    date(p.dueAt === null ? null : p.dueAt - 1),
    date(p.lastRemindedAt),
  ]);
  return Papa.unparse({ fields: header, data }, { escapeFormulae: true });
}
