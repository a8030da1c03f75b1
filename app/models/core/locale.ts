import { LOCALES, type Locale } from "#db/schema";
import { DEFAULT_LOCALE } from "~/utils/i18n";

/** The text in the reader's language, else in the organisation's default language, else whichever exists. */
export function pickLanguage<T>(texts: Partial<Record<Locale, T>>, language: Locale): { language: Locale; text: T } | null {
  for (const candidate of [language, DEFAULT_LOCALE, ...LOCALES]) {
    const text = texts[candidate];
    if (text) return { language: candidate, text };
  }
  return null;
}
