import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { createCookie } from "@remix-run/node";
import { secureCookies } from "./env.server";
import { LOCALES, type Locale } from "#db/schema";
import { DEFAULT_LOCALE, isLocale } from "./i18n";

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

/** The person's saved choice, else the language switcher's cookie, else the browser's Accept-Language. */
export async function resolveLocale(request: Request, userLocale?: Locale | null): Promise<Locale> {
  if (userLocale && isLocale(userLocale)) return userLocale;
  const cookieValue = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
