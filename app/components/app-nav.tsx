import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "#db/schema";
import { mainPlaces, navGroupsFor } from "./navigation";

/** Symbols for the bottom bar; the words beside them carry the meaning. */
const PLACE_ICONS: Record<string, string> = { "/": "⌂", "/feed": "✦", "/shares": "↗", "/workshops": "✎", "/leaderboard": "★" };

/** The main navigation, grouped by what the person does there (share, learn, manage, administer, account). */
export function MainNav({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("shell.mainNavigation")} className="main-nav">
      <ul className="nav-groups">
        {navGroupsFor(roles).map(({ group, items }) => (
          <li key={group} className="nav-group">
            <span className="nav-group-label" id={`nav-group-${group}`}>
              {t(`experience.nav.groups.${group}`)}
            </span>
            <ul aria-labelledby={`nav-group-${group}`}>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/"}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Opens the menu on phones. A link to the menu, so that without JavaScript the browser shows it as the
 * page's target; with JavaScript it toggles in place and says whether the menu is open.
 */
export function MenuToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <a
      href="#site-menu"
      className="menu-toggle button button-small secondary"
      aria-controls="site-menu"
      aria-expanded={open}
      onClick={(event) => {
        event.preventDefault();
        onToggle();
      }}
    >
      <span aria-hidden="true">☰</span> {t("experience.nav.menu")}
    </a>
  );
}

/** The employee's main places at the bottom of a phone's screen. */
export function BottomBar() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("experience.nav.bottomBar")} className="bottom-bar">
      <ul>
        {mainPlaces().map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === "/"}>
              <span aria-hidden="true" className="bottom-bar-icon">
                {PLACE_ICONS[item.to]}
              </span>
              <span className="bottom-bar-label">{t(item.label)}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Bell({ unread }: { unread?: number }) {
  const { t } = useTranslation();
  return (
    <Link
      to="/notifications"
      className="bell"
      data-testid="bell"
      aria-label={unread ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
    >
      {/* Drawn, not an emoji: machines without an emoji font showed an empty box. */}
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread ? (
        <span className="bell-count" data-testid="bell-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
