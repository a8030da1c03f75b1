import type { i18n } from "i18next";
import { useEffect, useState } from "react";
import type { Locale } from "#db/schema";
import { createI18n, type Translations } from "./i18n";

const provided = new Map<Locale, Translations>();
const instances = new Map<Locale, i18n>();

/**
 * The languages pages can render in: on the server every language (app/entry.server.tsx), in the
 * browser only the page's own, fetched before hydrating (app/entry.client.tsx), so no page carries
 * the other language's strings in its JavaScript. The server passes the instance it made over them.
 */
export function provideTranslations(locale: Locale, translations: Translations, instance?: i18n): void {
  provided.set(locale, translations);
  if (instance) instances.set(locale, instance);
  else instances.delete(locale);
}

export async function fetchTranslations(locale: Locale, href: string): Promise<void> {
  if (provided.has(locale)) return;
  const response = await fetch(href, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`translations for ${locale}: HTTP ${response.status}`);
  provideTranslations(locale, (await response.json()) as Translations);
}

/** The instance for a language already provided (else one that is, until the effect below has it). */
function instanceFor(locale: Locale): i18n {
  const language = provided.has(locale) ? locale : ([...provided.keys()][0] ?? locale);
  let instance = instances.get(language);
  if (!instance) {
    instance = createI18n(language, provided.get(language) ?? {});
    instances.set(language, instance);
  }
  return instance;
}

/**
 * The page's i18next instance. When the language changes in the browser (the switcher, signing in
 * as someone with another language), the page keeps showing the current one until the new strings
 * arrive; if they cannot be fetched, the page is loaded again from the server.
 */
export function usePageI18n(locale: Locale, href: string): i18n {
  // The last language whose strings arrived by fetching; until the new one's arrive, the page stays in it.
  const [shown, setShown] = useState(locale);
  const ready = provided.has(locale);
  useEffect(() => {
    if (ready) return;
    let current = true;
    fetchTranslations(locale, href).then(
      () => current && setShown(locale),
      () => window.location.reload(),
    );
    return () => {
      current = false;
    };
  }, [locale, href, ready]);
  return instanceFor(ready ? locale : shown);
}
