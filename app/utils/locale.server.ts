import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { createCookie } from "@remix-run/node";
import { secureCookies } from "./env.server";
import { LOCALES, type Locale } from "#db/schema";
import { DEFAULT_LOCALE, isLocale } from "./i18n";
import { oncePerRequest } from "./request-scope.server";

export const localeCookie = createCookie("altavoz_locale", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: secureCookies(),
  maxAge: 60 * 60 * 24 * 365,
});

export function localeFromAcceptLanguage(header: string | null): Locale {
  const languages = new Negotiator({ headers: { "accept-language": header ?? "" } }).languages();
  try {
    const chosen = match(
      languages.filter((l) => l !== "*"),
      [...LOCALES],
      DEFAULT_LOCALE,
    );
    return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/**
 * The person's saved choice, else the language switcher's cookie, else the browser's Accept-Language.
 * Worked out once per request (the root loader and the route's share it; see request-scope.server.ts).
 */
export function resolveLocale(request: Request, userLocale?: Locale | null): Promise<Locale> {
  if (userLocale && isLocale(userLocale)) return Promise.resolve(userLocale);
  return oncePerRequest("locale", () => localeFromHeaders(request));
}

async function localeFromHeaders(request: Request): Promise<Locale> {
  const cookieValue = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
