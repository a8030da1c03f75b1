import i18next, { type i18n, type Resource, type TFunction } from "i18next";
import { LOCALES, type Locale } from "#db/schema";
import { resources } from "~/locales";

export const DEFAULT_LOCALE: Locale = "es";

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/** One language's strings (the single namespace's tree). */
export type Translations = Record<string, unknown>;

function instanceOver(locale: Locale, languages: Resource, fallbackLng: Locale | false): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng,
    resources: languages,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/**
 * The page's i18next instance, over the active language only: the browser receives that language's
 * strings and no other, so server and browser must render from the same single language (both
 * languages have the same keys, which tests/locale checks).
 */
export function createI18n(locale: Locale, translations: Translations): i18n {
  return instanceOver(locale, { [locale]: { translation: translations } }, false);
}

const fixed = new Map<Locale, TFunction>();

/** A translation function for server-side text (mails, CSV headers, flash messages). */
export function getFixedT(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = instanceOver(locale, resources, DEFAULT_LOCALE).t;
    fixed.set(locale, t);
  }
  return t;
}
