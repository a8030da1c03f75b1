import Papa from "papaparse";
import { DIMENSIONS, groupLabel, type Dashboard } from "./dashboard.server";

const blank = (v: number | null) => (v === null ? "" : v);

/** One row per group of every breakdown, with the figures and the target they are judged against. */
export function dashboardCsv(t: (key: string) => string, dashboard: Dashboard): string {
  const header = [
    t("conversations.dashboard.csv.dimension"),
    t("conversations.dashboard.csv.group"),
    t("conversations.dashboard.reports"),
    t("conversations.dashboard.answered"),
    t("conversations.dashboard.resolved"),
    t("conversations.dashboard.firstMedian"),
    t("conversations.dashboard.firstP90"),
    t("conversations.dashboard.resolutionMedian"),
    t("conversations.dashboard.resolutionP90"),
    t("conversations.dashboard.withinTarget"),
    t("conversations.dashboard.target"),
  ];
  const rows = [dashboard.overall, ...DIMENSIONS.flatMap((d) => dashboard.groups[d])].map((g, i) => {
    const dimension = i === 0 ? null : DIMENSIONS.find((d) => dashboard.groups[d].includes(g))!;
    return [
      dimension ? t(`conversations.dashboard.by.${dimension}`) : t("conversations.dashboard.overall"),
      dimension ? groupLabel(t, dimension, g.key) : "",
      g.reports,
      g.answered,
      g.resolved,
      blank(g.firstResponseMedian),
      blank(g.firstResponseP90),
      blank(g.resolutionMedian),
      blank(g.resolutionP90),
      g.withinTarget === null ? "" : Math.round(g.withinTarget * 1000) / 10,
      blank(g.targetMinutes),
    ];
  });
  // Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
  return Papa.unparse([header, ...rows], { escapeFormulae: true });
}
