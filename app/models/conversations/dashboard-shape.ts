/** The dashboard's periods and breakdowns, shared by the server and the page. */
export const DASHBOARD_WEEKS = [4, 12, 26] as const;
export const DIMENSIONS = ["week", "kind", "network", "department"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** weeks=4|12|26 from the query string; anything else is 12. */
export function parseWeeks(value: string | null): number {
  const weeks = Number(value);
  return (DASHBOARD_WEEKS as readonly number[]).includes(weeks) ? weeks : 12;
}

/** Group label as shown: kinds and networks translated, the unassigned department named. */
export function groupLabel(t: (key: string) => string, dimension: Dimension, key: string): string {
  if (dimension === "kind") return t(`conversations.kinds.${key}`);
  if (dimension === "network") return t(`conversations.networks.${key}`);
  if (dimension === "department") return key || t("conversations.dashboard.careItself");
  return key;
}
