import { Form, Link, useLocation } from "@remix-run/react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "#db/schema";
import type { Toast } from "~/utils/toast.server";
import { Bell, BottomBar, MainNav, MenuToggle } from "./app-nav";
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
  // The phone menu is open on the page where it was opened: a new page closes it.
  const here = `${location.pathname}${location.search}`;
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === here;
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
          {user ? <MenuToggle open={menuOpen} onToggle={() => setMenuOpenOn(menuOpen ? null : here)} /> : null}
          <div className="quick-tools">
            {user ? (
              <Link to="/conversations/new" className="button button-small report-button" data-testid="report-conversation">
                <span className="wide-only">{t("conversations.report.button")}</span>
                <span className="phone-only">{t("experience.nav.reportShort")}</span>
              </Link>
            ) : null}
            {user ? <Bell unread={user.unread} /> : null}
          </div>
          {/* On phones this panel is the menu: shown by the toggle (or, without JavaScript, as the link's #target). */}
          <div id="site-menu" className={menuOpen ? "site-menu open" : "site-menu"} tabIndex={-1}>
            <div className="header-tools">
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
                <Form method="post" action="/logout">
                  <span className="user-name">{user.name}</span>{" "}
                  {user.ambassador ? <AmbassadorBadge testId="ambassador-badge-shell" /> : null}
                  <button type="submit" className="button-small">
                    {t("shell.logout")}
                  </button>
                </Form>
              ) : null}
            </div>
            {user ? <MainNav roles={user.roles} /> : null}
          </div>
        </div>
      </header>
      <div role="status" aria-live="polite" className="toast-region">
        {toast ? <p className={`toast toast-${toast.kind}`}>{t(toast.message, toast.values ?? {})}</p> : null}
      </div>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className={user ? "site-footer with-bottom-bar" : "site-footer"}>
        <div className="container">{t("shell.footer")}</div>
      </footer>
      {user ? <BottomBar /> : null}
    </>
  );
}
