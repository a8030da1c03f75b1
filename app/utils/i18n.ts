import i18next, { type i18n, type TFunction } from "i18next";
import { LOCALES, type Locale } from "#db/schema";
import { resources } from "~/locales";

export const DEFAULT_LOCALE: Locale = "es";

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const fixed = new Map<Locale, TFunction>();

/** A translation function for server-side text (mails, CSV headers, flash messages). */
export function getFixedT(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale).t;
    fixed.set(locale, t);
  }
  return t;
}

const shared = new Map<Locale, i18n>();

/**
 * One initialised instance per language for the page shell: building one took about a millisecond of
 * every server render, and nothing ever changes an instance's language (a switch reloads the page data).
 */
export function sharedI18n(locale: Locale): i18n {
  let instance = shared.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    shared.set(locale, instance);
  }
  return instance;
}
