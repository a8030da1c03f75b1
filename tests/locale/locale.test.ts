import { describe, expect, it } from "vitest";
import * as localeRoute from "~/routes/locale";
import { loader as rootLoader } from "~/root";
import { setUserLocale } from "~/models/people/users.server";
import { db } from "~/utils/db.server";
import { localeCookie, localeFromAcceptLanguage, resolveLocale } from "~/utils/locale.server";
import { readToast } from "~/utils/toast.server";
import { call, createTestUser, getRequest, jsonOf, postRequest, setCookies } from "../support/http";
import { expectTranslated } from "../support/i18n";

const cookieFrom = (response: Response, name: string) =>
  setCookies(response)
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];

async function localeCookieHeader(locale: string) {
  return (await localeCookie.serialize(locale)).split(";")[0];
}

const localeOf = async (userId: string) =>
  (await db.selectFrom("users").select("locale").where("id", "=", userId).executeTakeFirstOrThrow()).locale;

describe("choosing the language", () => {
  it("follows Accept-Language, defaulting to Spanish", () => {
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("en-US")).toBe("en");
    expect(localeFromAcceptLanguage("es-MX")).toBe("es");
    expect(localeFromAcceptLanguage("fr")).toBe("es");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("de;q=1, es;q=0.2, en;q=0.1")).toBe("es");
    expect(localeFromAcceptLanguage("*")).toBe("es");
    expect(localeFromAcceptLanguage("")).toBe("es");
    expect(localeFromAcceptLanguage(null)).toBe("es");
    expect(localeFromAcceptLanguage(";;;,,q=abc")).toBe("es");
  });

  it("prefers the person's saved language, then the switcher's cookie, then the browser", async () => {
    const english = { "Accept-Language": "en-GB,en;q=0.9" };
    expect(await resolveLocale(getRequest("/", { headers: english }))).toBe("en");
    const withCookie = getRequest("/", { headers: english, cookie: await localeCookieHeader("es") });
    expect(await resolveLocale(withCookie)).toBe("es");
    expect(await resolveLocale(withCookie, "en")).toBe("en");
    expect(
      await resolveLocale(getRequest("/", { headers: { "Accept-Language": "es" }, cookie: await localeCookieHeader("en") }), null),
    ).toBe("en");
    // A tampered cookie is ignored.
    expect(await resolveLocale(getRequest("/", { headers: english, cookie: "altavoz_locale=fr" }))).toBe("en");
  });

  it("the page uses the signed-in person's saved language", async () => {
    const user = await createTestUser();
    await setUserLocale(db, user.id, "en");
    const data = await jsonOf(await call(rootLoader, getRequest("/", { cookie: user.cookie, headers: { "Accept-Language": "es-ES" } })));
    expect(data.locale).toBe("en");
    expect(data.user.id).toBe(user.id);
    const anonymous = await jsonOf(await call(rootLoader, getRequest("/", { headers: { "Accept-Language": "en" } })));
    expect(anonymous.locale).toBe("en");
    expect(anonymous.user).toBeNull();
  });
});

describe("POST /locale", () => {
  it("sets the cookie for visitors and goes back where they were", async () => {
    const response = await call(localeRoute.action, postRequest("/locale", { locale: "en", redirectTo: "/login?x=1" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?x=1");
    const cookie = cookieFrom(response, "altavoz_locale")!;
    expect(await localeCookie.parse(cookie)).toBe("en");
    expect(await resolveLocale(getRequest("/", { cookie, headers: { "Accept-Language": "es" } }))).toBe("en");
  });

  it("saves the language on the signed-in person's profile", async () => {
    const user = await createTestUser();
    expect(await localeOf(user.id)).toBeNull();
    const response = await call(
      localeRoute.action,
      postRequest("/locale", { locale: "en", redirectTo: "/settings" }, { cookie: user.cookie }),
    );
    expect(response.status).toBe(302);
    expect(await localeOf(user.id)).toBe("en");
    expect(
      (await call(localeRoute.action, postRequest("/locale", { locale: "es" }, { cookie: user.cookie }))).headers.get("Location"),
    ).toBe("/");
    expect(await localeOf(user.id)).toBe("es");
  });

  it("an unknown language gets an error toast and changes nothing", async () => {
    const user = await createTestUser();
    await setUserLocale(db, user.id, "en");
    for (const locale of ["fr", "", "EN", "en-GB"]) {
      const response = await call(localeRoute.action, postRequest("/locale", { locale, redirectTo: "/settings" }, { cookie: user.cookie }));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/settings");
      expect(cookieFrom(response, "altavoz_locale")).toBeUndefined();
      const toastCookie = cookieFrom(response, "altavoz_toast")!;
      const { toast } = await readToast(getRequest("/settings", { cookie: toastCookie }));
      expect(toast).toEqual({ kind: "error", message: "errors.invalidLocale" });
      expectTranslated(toast!.message);
      // The page shows it once: the root loader hands it over and clears it.
      const rootResponse = await call(rootLoader, getRequest("/settings", { cookie: `${user.cookie}; ${toastCookie}` }));
      expect((await jsonOf(rootResponse)).toast).toEqual({ kind: "error", message: "errors.invalidLocale" });
      const cleared = cookieFrom(rootResponse, "altavoz_toast")!;
      expect((await readToast(getRequest("/settings", { cookie: cleared }))).toast).toBeNull();
    }
    expect(await localeOf(user.id)).toBe("en");
  });

  it("never redirects to another site, and refuses posts from one", async () => {
    const away = await call(localeRoute.action, postRequest("/locale", { locale: "en", redirectTo: "//evil.com/" }));
    expect(away.headers.get("Location")).toBe("/");
    const user = await createTestUser();
    const foreign = await call(
      localeRoute.action,
      postRequest("/locale", { locale: "en" }, { cookie: user.cookie, origin: "https://evil.example" }),
    );
    expect(foreign.status).toBe(403);
    expect(cookieFrom(foreign, "altavoz_locale")).toBeUndefined();
    expect(await localeOf(user.id)).toBeNull();
  });

  it("GET /locale just goes home", async () => {
    const response = await call(localeRoute.loader, getRequest("/locale"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
  });
});
