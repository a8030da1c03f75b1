import { useTranslation } from "react-i18next";
import stylesUrl from "~/styles/conversations.css";

export const conversationLinks = () => [{ rel: "stylesheet", href: stylesUrl }];

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const urgent = kind === "crisis" || kind === "complaint";
  return <span className={`badge ${urgent ? "badge-urgent" : "badge-muted"}`}>{t(`conversations.kinds.${kind}`)}</span>;
}

export function ReportStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const style = status === "resolved" ? "badge-success" : status === "not_actionable" ? "badge-muted" : "badge-warn";
  return <span className={`badge ${style}`}>{t(`conversations.statuses.${status}`)}</span>;
}

/** The first-response clock of an open report: time left (business hours) or how long it is overdue. */
export function SlaClock({
  clock,
}: {
  clock: { dueAt: string; minutesLeft: number; targetMinutes: number; answered: boolean; breached: boolean };
}) {
  const { t } = useTranslation();
  if (clock.answered) return <span className="sla-clock">{t("conversations.sla.answered")}</span>;
  const overdue = clock.minutesLeft < 0;
  return (
    <span className={`sla-clock ${overdue ? "sla-breached" : ""}`} data-testid="sla-clock">
      {overdue
        ? t("conversations.sla.overdue", { minutes: -clock.minutesLeft, due: clock.dueAt })
        : t("conversations.sla.left", { minutes: clock.minutesLeft, due: clock.dueAt, target: clock.targetMinutes })}
      {clock.breached ? (
        <>
          {" "}
          · <strong>{t("conversations.sla.escalated")}</strong>
        </>
      ) : null}
    </span>
  );
}

/** The head of a report in a list: its kind, status, network and when it was reported, then its link. */
export function ReportHeading({
  report,
}: {
  report: { kind: string; status: string; network: string; reportedAt: string; url: string | null };
}) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <KindBadge kind={report.kind} /> <ReportStatusBadge status={report.status} />{" "}
        <span className="hint">
          {t(`conversations.networks.${report.network}`)} · {report.reportedAt}
        </span>
      </p>
      {report.url ? (
        <p className="report-url">
          <a href={report.url} target="_blank" rel="noopener noreferrer nofollow">
            {report.url}
          </a>
        </p>
      ) : null}
    </>
  );
}
