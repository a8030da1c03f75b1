import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { loader as rootLoader } from "~/root";
import { loader as translationsLoader } from "~/routes/locales.$locale";
import { call, getRequest, jsonOf } from "../support/http";

const fetchStrings = (path: string, locale: string) => call(translationsLoader, getRequest(path), { locale });

describe("the interface strings the browser fetches", () => {
  it("the page points at its own language's strings, which are cached for good under that version", async () => {
    const page = await jsonOf(await call(rootLoader, getRequest("/", { headers: { "Accept-Language": "en" } })));
    expect(page.translations).toMatch(/^\/locales\/en\?v=[0-9a-f]{16}$/);
    const response = await fetchStrings(page.translations, "en");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(resources.en.translation)));
    const spanish = await jsonOf(await call(rootLoader, getRequest("/", { headers: { "Accept-Language": "es" } })));
    expect(spanish.translations).toMatch(/^\/locales\/es\?v=/);
    expect(spanish.translations.split("v=")[1]).not.toBe(page.translations.split("v=")[1]);
  });

  it("an old or missing version is answered with the current strings, revalidated; another language is 404", async () => {
    const stale = await fetchStrings("/locales/es?v=0000000000000000", "es");
    expect(stale.headers.get("Cache-Control")).toBe("no-cache");
    expect((await stale.json()).shell.skipToContent).toBe(resources.es.translation.shell.skipToContent);
    expect((await fetchStrings("/locales/es", "es")).headers.get("Cache-Control")).toBe("no-cache");
    expect((await fetchStrings("/locales/fr", "fr")).status).toBe(404);
  });
});
