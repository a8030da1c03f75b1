import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PresentedSharedLink } from "~/models/sharing/present.server";
import homeStylesUrl from "~/styles/home.css";

export const homeLinks = () => [{ rel: "stylesheet", href: homeStylesUrl }];

interface NewItem {
  id: string;
  title: string;
  imageUrl: string | null;
  sharedByMe: boolean;
  publishedAt: string;
}

/** The newest items to share, each with its image and a share button that opens the dialog. */
export function NewToShare({ items, total, canShare }: { items: NewItem[]; total: number; canShare: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-new">
      <div className="section-head">
        <h2 id="home-new">{t("experience.home.newTitle")}</h2>
        <Link to="/feed">{t("experience.home.seeAll", { count: total })}</Link>
      </div>
      {items.length === 0 ? (
        <p className="card">{t("experience.home.nothingNew")}</p>
      ) : (
        <ul className="home-items">
          {items.map((item) => (
            <li key={item.id} className="card home-item">
              {item.imageUrl ? <img src={item.imageUrl} alt="" width={320} height={168} loading="lazy" className="card-image" /> : null}
              <h3>
                <Link to={`/feed/${item.id}`}>{item.title}</Link>
              </h3>
              <p className="hint">
                {item.publishedAt}
                {item.sharedByMe ? ` · ${t("content.feed.shared")}` : ""}
              </p>
              {canShare ? (
                <Link className="button" to={`/feed/${item.id}#share`}>
                  {item.sharedByMe ? t("content.feed.shareAgain") : t("content.feed.share")}
                  <span className="visually-hidden"> {t("experience.home.shareWhat", { title: item.title })}</span>
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** This week's points and rank with the change, and the latest results of my shares. */
export function HomeResults({
  week,
  results,
  sharesTotal,
  reachMissing,
  locale,
}: {
  week: { points: number; rank: number; movement: number | null } | null;
  results: PresentedSharedLink[];
  sharesTotal: number;
  reachMissing: boolean;
  locale: string;
}) {
  const { t } = useTranslation();
  const movement =
    week?.movement == null
      ? t("experience.home.movementNone")
      : week.movement > 0
        ? t("leaderboard.movement.up", { count: week.movement })
        : week.movement < 0
          ? t("leaderboard.movement.down", { count: -week.movement })
          : t("leaderboard.movement.same");
  return (
    <section aria-labelledby="home-results">
      <div className="section-head">
        <h2 id="home-results">{t("experience.home.resultsTitle")}</h2>
        <Link to="/shares">{t("experience.home.allShares", { count: sharesTotal })}</Link>
      </div>
      <dl className="home-stats">
        <div className="card">
          <dt>{t("experience.home.weekPoints")}</dt>
          <dd className="stat" data-testid="home-week-points">
            {(week?.points ?? 0).toLocaleString(locale)}
          </dd>
        </div>
        <div className="card">
          <dt>{t("experience.home.weekRank")}</dt>
          <dd className="stat">{week ? week.rank.toLocaleString(locale) : "—"}</dd>
          <dd className="hint">{week ? movement : t("experience.home.noRankYet")}</dd>
        </div>
      </dl>
      {results.length ? (
        <ul className="home-results">
          {results.map((r) => (
            <li key={r.key}>
              <Link to={`/feed/${r.itemId}`}>{r.itemTitle}</Link>{" "}
              <span className="hint">
                {t(`scoring.networks.${r.network}`)} · {t("experience.home.resultLine", { clicks: r.clicks, points: r.points })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("experience.home.noShares")}</p>
      )}
      {reachMissing ? <FollowersPrompt /> : null}
    </section>
  );
}

/** Reach is followers × shares: without follower counts it stays at 0, so ask for them and say why. */
export function FollowersPrompt() {
  const { t } = useTranslation();
  return (
    <p className="followers-prompt" data-testid="followers-prompt">
      {t("experience.followers.why")} <Link to="/settings#followers">{t("experience.followers.action")}</Link>
    </p>
  );
}

export function HomeSession({
  session,
}: {
  session: { slug: string; title: string; mode: string; place: string | null; registered: boolean; startsAt: string };
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-session" className="card">
      <h2 id="home-session">{t("experience.home.sessionTitle")}</h2>
      <p>
        <Link to={`/workshops/${session.slug}`}>{session.title}</Link>
      </p>
      <p className="hint">
        {session.startsAt} · {t(`workshops.sessions.modes.${session.mode}`)}
        {session.place ? ` · ${session.place}` : ""}
        {session.registered ? ` · ${t("experience.home.registered")}` : ""}
      </p>
    </section>
  );
}
