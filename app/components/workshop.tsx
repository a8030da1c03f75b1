import { useTranslation } from "react-i18next";
import workshopStylesUrl from "~/styles/workshops.css";

export const workshopLinks = () => [{ rel: "stylesheet", href: workshopStylesUrl }];

export type WorkshopStatus = "not_started" | "in_progress" | "completed";

export function WorkshopStatusBadge({ status, overdue = false }: { status: WorkshopStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  const tone = status === "completed" ? "badge-success" : overdue ? "badge-danger" : status === "in_progress" ? "" : "badge-muted";
  return (
    <span className={`badge ${tone}`}>
      {t(overdue && status !== "completed" ? "workshops.status.overdue" : `workshops.status.${status}`)}
    </span>
  );
}

export function LessonProgress({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  return (
    <span className="workshop-progress">
      <progress max={total} value={done} aria-label={t("workshops.progress.label")} />
      <span>{t("workshops.progress.lessons", { done, total })}</span>
    </span>
  );
}
