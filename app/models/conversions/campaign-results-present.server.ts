/** Campaign budgets, cost per lead and goals as the pages and the CSV show them. */
import type { TFunction } from "i18next";
import type { Locale } from "#db/schema";
import { formatDateTime } from "~/models/core/dates";
import type { CampaignResults } from "./campaign-results.server";

const tagOf = (locale: Locale) => (locale === "es" ? "es-ES" : "en-GB");

function money(amount: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(tagOf(locale), { style: "currency", currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    // A code Intl does not know: the number and the code as typed.
    return `${new Intl.NumberFormat(tagOf(locale), { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

export function presentCampaignResults(t: TFunction, results: CampaignResults, locale: Locale, timeZone: string) {
  const int = new Intl.NumberFormat(tagOf(locale), { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(tagOf(locale), { style: "percent", maximumFractionDigits: 0 });
  return {
    id: results.id,
    name: results.name,
    window: t("results.campaigns.window", {
      from: formatDateTime(results.startsAt, locale, timeZone, false),
      to: formatDateTime(results.endsAt - 1, locale, timeZone, false),
    }),
    budget: results.budget ? money(results.budget.amount, results.budget.currency, locale) : "—",
    leads: int.format(results.leads),
    costPerLead: results.budget && results.costPerLead !== null ? money(results.costPerLead, results.budget.currency, locale) : "—",
    goals: results.goals.map((g) => ({
      metric: g.metric,
      label: t(`results.goals.${g.metric}`),
      reached: int.format(g.reached),
      target: int.format(g.target),
      percent: percent.format(g.progress),
      progress: g.progress,
    })),
  };
}

export type PresentedCampaignResults = ReturnType<typeof presentCampaignResults>;

/** The columns the campaigns CSV gets on top of its amplification figures. */
export function campaignCostCsvColumns(t: TFunction, results: Map<string, CampaignResults>) {
  const fields = [
    t("results.budget.csvBudget"),
    t("results.budget.csvCurrency"),
    t("results.budget.csvLeads"),
    t("results.budget.csvCostPerLead"),
  ];
  const cells = (campaignId: string) => {
    const r = results.get(campaignId);
    if (!r) return ["", "", "", "—"];
    return [r.budget?.amount ?? "", r.budget?.currency ?? "", r.leads, r.costPerLead ?? "—"];
  };
  return { fields, cells };
}
