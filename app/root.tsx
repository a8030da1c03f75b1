import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { AppShell } from "~/components/app-shell";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import stylesUrl from "~/styles/app.css";
import { readSession } from "~/utils/auth.server";
import { sharedI18n } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";
import { useNonce } from "~/utils/nonce";
import { readToast } from "~/utils/toast.server";
import { isOnboarded } from "~/models/onboarding/status.server";
import { db } from "~/utils/db.server";
import { unreadCount } from "~/models/notifications/inbox.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/favicon.svg" },
];

export const meta: MetaFunction = () => [{ title: "Altavoz" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, setCookie } = await readSession(request);
  const locale = await resolveLocale(request, user?.locale);
  const { toast, setCookie: toastCookie } = await readToast(request);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (toastCookie) headers.append("Set-Cookie", toastCookie);
  return json(
    {
      locale,
      toast,
      user: user
        ? {
            id: user.id,
            name: user.name,
            email: user.email,
            roles: user.roles,
            ambassador: await isOnboarded(db, user.id),
            unread: await unreadCount(db, user.id),
          }
        : null,
    },
    { headers },
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function Document({ locale, children }: { locale: string; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b57d0" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  const i18n = useMemo(() => sharedI18n(data.locale), [data.locale]);
  return (
    <I18nextProvider i18n={i18n}>
      <Document locale={data.locale}>
        <AppShell user={data.user} locale={data.locale} toast={data.toast}>
          <Outlet />
        </AppShell>
      </Document>
    </I18nextProvider>
  );
}

export function ErrorBoundary() {
  const data = useRootData();
  const locale = data?.locale ?? "es";
  const i18n = useMemo(() => sharedI18n(locale), [locale]);
  return (
    <I18nextProvider i18n={i18n}>
      <Document locale={locale}>
        {data ? (
          // A refused or missing page keeps the navigation, the language switch and the skip link.
          <AppShell user={data.user} locale={locale} toast={null}>
            <GeneralErrorBoundary />
          </AppShell>
        ) : (
          <main id="main" className="container" tabIndex={-1}>
            <GeneralErrorBoundary />
          </main>
        )}
      </Document>
    </I18nextProvider>
  );
}
