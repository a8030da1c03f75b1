import { TableWrap } from "~/components/ui/table-wrap";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import leaderboardStylesUrl from "~/styles/leaderboard.css";

export const leaderboardLinks = () => [{ rel: "stylesheet", href: leaderboardStylesUrl }];

export interface BoardRow {
  key: string;
  rank: number;
  value: number;
  name: string | null;
  departmentName: string | null;
  anonymised: boolean;
  optedOut: boolean;
  isViewer: boolean;
  movement: number | null;
  previousRank: number | null;
}

/** Movement in words with an arrow, so it never depends on colour. */
export function Movement({ row, hasPrevious }: { row: BoardRow; hasPrevious: boolean }) {
  const { t } = useTranslation();
  if (!hasPrevious) return <span>{t("leaderboard.movement.none")}</span>;
  if (row.movement === null) return <span className="movement movement-new">{t("leaderboard.movement.new")}</span>;
  if (row.movement > 0) return <span className="movement movement-up">{t("leaderboard.movement.up", { count: row.movement })}</span>;
  if (row.movement < 0) return <span className="movement movement-down">{t("leaderboard.movement.down", { count: -row.movement })}</span>;
  return <span className="movement">{t("leaderboard.movement.same")}</span>;
}

function Row({ row, hasPrevious, locale }: { row: BoardRow; hasPrevious: boolean; locale: string }) {
  const { t } = useTranslation();
  return (
    <tr className={row.isViewer ? "leaderboard-me" : undefined} aria-current={row.isViewer ? "true" : undefined}>
      <td className="numeric">{row.rank.toLocaleString(locale)}</td>
      <th scope="row">
        {row.anonymised ? <em>{t("leaderboard.anonymous")}</em> : row.name}
        {row.isViewer ? <strong> {t("leaderboard.table.you")}</strong> : null}
        {row.optedOut ? <span className="hint"> {t("leaderboard.table.optedOut")}</span> : null}
        {/* On phones the department column gives way to this line, so the points stay on screen. */}
        {row.departmentName ? <span className="hint phone-only">{row.departmentName}</span> : null}
      </th>
      <td className="wide-only">{row.departmentName ?? "—"}</td>
      <td className="numeric">{row.value.toLocaleString(locale)}</td>
      <td>
        <Movement row={row} hasPrevious={hasPrevious} />
      </td>
    </tr>
  );
}

export function LeaderboardTable({
  caption,
  metricLabel,
  rows,
  viewer,
  viewerInTop,
  hasPrevious,
  locale,
}: {
  caption: string;
  metricLabel: string;
  rows: BoardRow[];
  viewer: BoardRow | null;
  viewerInTop: boolean;
  hasPrevious: boolean;
  locale: string;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="card">{t("leaderboard.table.empty")}</p>;
  return (
    <TableWrap>
      <table className="leaderboard">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("leaderboard.table.rank")}</th>
            <th scope="col">{t("leaderboard.table.person")}</th>
            <th scope="col" className="wide-only">
              {t("leaderboard.table.department")}
            </th>
            <th scope="col">{metricLabel}</th>
            <th scope="col">{t("leaderboard.table.movement")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.key} row={row} hasPrevious={hasPrevious} locale={locale} />
          ))}
          {viewer && !viewerInTop ? (
            <>
              <tr aria-hidden="true" className="leaderboard-gap">
                <td colSpan={5}>{t("leaderboard.table.gap")}</td>
              </tr>
              <Row row={viewer} hasPrevious={hasPrevious} locale={locale} />
            </>
          ) : null}
        </tbody>
      </table>
    </TableWrap>
  );
}

export interface ChallengeView {
  id: string;
  name: string;
  goal: string | null;
  goalShares: number | null;
  shares: number;
  participants: number;
  progress: number | null;
  state: "upcoming" | "running" | "ended";
  from: string;
  to: string;
}

/** Goal progress as a <progress> bar with the same numbers in words. */
export function ChallengeProgress({ challenge, locale }: { challenge: ChallengeView; locale: string }) {
  const { t } = useTranslation();
  const text =
    challenge.goalShares && challenge.progress !== null
      ? t("leaderboard.challenges.progress", {
          shares: challenge.shares.toLocaleString(locale),
          goal: challenge.goalShares.toLocaleString(locale),
          percent: Math.floor(challenge.progress * 100),
        })
      : t("leaderboard.challenges.noGoal", { shares: challenge.shares.toLocaleString(locale) });
  const id = `challenge-${challenge.id}`;
  return (
    <div className="challenge-progress">
      {challenge.goalShares ? (
        <progress
          id={id}
          max={challenge.goalShares}
          value={Math.min(challenge.shares, challenge.goalShares)}
          aria-describedby={`${id}-text`}
        />
      ) : null}
      <p id={`${id}-text`}>
        <strong>{text}</strong> · {t("leaderboard.challenges.participants", { count: challenge.participants })}
      </p>
    </div>
  );
}

export function ChallengeCard({ challenge, locale }: { challenge: ChallengeView; locale: string }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <h3>
        <Link to={`/campaigns/${challenge.id}`}>{challenge.name}</Link>
      </h3>
      <p className="hint">
        {t("leaderboard.challenges.window", { from: challenge.from, to: challenge.to })} ·{" "}
        {t(`leaderboard.challenges.state.${challenge.state}`)}
      </p>
      {challenge.goal ? <p>{t("leaderboard.challenges.goalText", { goal: challenge.goal })}</p> : null}
      <ChallengeProgress challenge={challenge} locale={locale} />
    </li>
  );
}
