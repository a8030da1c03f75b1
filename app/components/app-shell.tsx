import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "#db/schema";
import type { Toast } from "~/utils/toast.server";
import { navItemsFor } from "./navigation";
import { AmbassadorBadge } from "./onboarding-gate";

interface ShellUser {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  /** A certified ambassador: onboarding complete. */
  ambassador?: boolean;
  /** Unread in-app notifications (the bell). */
  unread?: number;
}

export function AppShell({
  user,
  locale,
  toast,
  children,
}: {
  user: ShellUser | null;
  locale: string;
  toast: Toast | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand" aria-label={t("shell.homeLink")}>
            Altavoz
          </Link>
          {user ? (
            <nav aria-label={t("shell.mainNavigation")} className="main-nav">
              <ul>
                {navItemsFor(user.roles).map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === "/"}>
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="header-tools">
            {user ? (
              <Link to="/conversations/new" className="button button-small report-button" data-testid="report-conversation">
                {t("conversations.report.button")}
              </Link>
            ) : null}
            <Form method="post" action="/locale" className="locale-form">
              <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
              <label htmlFor="locale-select" className="visually-hidden">
                {t("shell.language")}
              </label>
              <select id="locale-select" name="locale" defaultValue={locale} key={locale}>
                <option value="es">Español</option>
                <option value="en">English</option>
              </select>
              <button type="submit" className="button-small">
                {t("shell.changeLanguage")}
              </button>
            </Form>
            {user ? (
              <Link
                to="/notifications"
                className="bell"
                data-testid="bell"
                aria-label={user.unread ? t("notifications.bellUnread", { count: user.unread }) : t("notifications.bell")}
              >
                <span aria-hidden="true">🔔</span>
                {user.unread ? (
                  <span className="bell-count" data-testid="bell-count">
                    {user.unread > 99 ? "99+" : user.unread}
                  </span>
                ) : null}
              </Link>
            ) : null}
            {user ? (
              <Form method="post" action="/logout">
                <span className="user-name">{user.name}</span>{" "}
                {user.ambassador ? <AmbassadorBadge testId="ambassador-badge-shell" /> : null}
                <button type="submit" className="button-small">
                  {t("shell.logout")}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
      </header>
      <div role="status" aria-live="polite" className="toast-region">
        {toast ? <p className={`toast toast-${toast.kind}`}>{t(toast.message, toast.values ?? {})}</p> : null}
      </div>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">{t("shell.footer")}</div>
      </footer>
    </>
  );
}
