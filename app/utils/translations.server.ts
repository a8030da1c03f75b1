import { createHash } from "node:crypto";
import { LOCALES, type Locale } from "#db/schema";
import { resources } from "~/locales";

interface Published {
  body: string;
  version: string;
}

const published = new Map<Locale, Published>(
  LOCALES.map((locale) => {
    const body = JSON.stringify(resources[locale].translation);
    return [locale, { body, version: createHash("sha256").update(body).digest("hex").slice(0, 16) }];
  }),
);

/** Where the browser fetches a language's strings; the version changes whenever the strings do. */
export function translationsHref(locale: Locale): string {
  return `/locales/${locale}?v=${published.get(locale)!.version}`;
}

/** The strings as JSON: cached for good under the current version, revalidated otherwise. */
export function translationsResponse(locale: Locale, version: string | null): Response {
  const { body, version: current } = published.get(locale)!;
  const cacheControl = version === current ? "public, max-age=31536000, immutable" : "no-cache";
  return new Response(body, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": cacheControl } });
}
