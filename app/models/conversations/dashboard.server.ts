import type { DB } from "~/utils/db.server";
import { periodContaining } from "~/models/core/periods";

import { DIMENSIONS, type Dimension } from "./dashboard-shape";

export { DASHBOARD_WEEKS, DIMENSIONS, groupLabel, parseWeeks, type Dimension } from "./dashboard-shape";

export interface GroupFigures {
  key: string;
  reports: number;
  answered: number;
  resolved: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
  /** Share of answered reports whose first response came within their target, 0–1. */
  withinTarget: number | null;
  targetMinutes: number | null;
}

/** Nearest-rank percentile of sorted minutes. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

type Row = Awaited<ReturnType<typeof reportRows>>[number];

/**
 * The reports created in the window, with only the figures kept on each report as it moved (first
 * response and resolution minutes, within target): one indexed range of the report table, no event scan.
 */
async function reportRows(db: DB, since: number) {
  return db
    .selectFrom("conversation_reports")
    .leftJoin("departments", "departments.id", "conversation_reports.department_id")
    .select([
      "conversation_reports.week_key",
      "conversation_reports.kind",
      "conversation_reports.network",
      "departments.name as department_name",
      "conversation_reports.status",
      "conversation_reports.target_minutes",
      "conversation_reports.first_response_minutes",
      "conversation_reports.within_target",
      "conversation_reports.resolution_minutes",
    ])
    .where("conversation_reports.created_at", ">=", since)
    .execute();
}

const keyOf = (row: Row, dimension: Dimension) =>
  dimension === "week"
    ? row.week_key
    : dimension === "kind"
      ? row.kind
      : dimension === "network"
        ? row.network
        : (row.department_name ?? "");

function figures(key: string, rows: Row[]): GroupFigures {
  const first = rows
    .map((r) => r.first_response_minutes)
    .filter((m): m is number => m !== null)
    .sort((a, b) => a - b);
  const resolution = rows
    .filter((r) => r.status === "resolved")
    .map((r) => r.resolution_minutes ?? 0)
    .sort((a, b) => a - b);
  const judged = rows.filter((r) => r.within_target !== null);
  const targets = [...new Set(rows.map((r) => r.target_minutes))];
  return {
    key,
    reports: rows.length,
    answered: first.length,
    resolved: resolution.length,
    firstResponseMedian: percentile(first, 50),
    firstResponseP90: percentile(first, 90),
    resolutionMedian: percentile(resolution, 50),
    resolutionP90: percentile(resolution, 90),
    withinTarget: judged.length ? judged.filter((r) => r.within_target === 1).length / judged.length : null,
    targetMinutes: targets.length === 1 ? targets[0] : null,
  };
}

export interface Dashboard {
  since: number;
  overall: GroupFigures;
  groups: Record<Dimension, GroupFigures[]>;
  openByAge: { bucket: string; count: number }[];
}

export const AGE_BUCKETS = [
  { bucket: "under90m", maxMinutes: 90 },
  { bucket: "under4h", maxMinutes: 240 },
  { bucket: "under24h", maxMinutes: 1440 },
  { bucket: "over24h", maxMinutes: Infinity },
] as const;

export async function careDashboard(db: DB, input: { weeks: number; timeZone: string; now?: number }): Promise<Dashboard> {
  const now = input.now ?? Date.now();
  const since = periodContaining("week", now - (input.weeks - 1) * 7 * 86_400_000, input.timeZone).start;
  const [rows, open] = await Promise.all([
    reportRows(db, since),
    db.selectFrom("conversation_reports").select("created_at").where("status", "in", ["open", "in_progress"]).execute(),
  ]);
  const groups = Object.fromEntries(
    DIMENSIONS.map((dimension) => {
      const byKey = new Map<string, Row[]>();
      for (const row of rows) {
        const key = keyOf(row, dimension);
        const list = byKey.get(key);
        if (list) list.push(row);
        else byKey.set(key, [row]);
      }
      return [dimension, [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, group]) => figures(key, group))];
    }),
  ) as Record<Dimension, GroupFigures[]>;
  const openByAge = AGE_BUCKETS.map(({ bucket, maxMinutes }, i) => {
    const min = i === 0 ? 0 : AGE_BUCKETS[i - 1].maxMinutes;
    return { bucket, count: open.filter((r) => (now - r.created_at) / 60_000 >= min && (now - r.created_at) / 60_000 < maxMinutes).length };
  });
  return { since, overall: figures("all", rows), groups, openByAge };
}
