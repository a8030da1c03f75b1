import { afterEach, describe, expect, it } from "vitest";
import * as healthz from "~/routes/healthz";
import * as linkRoute from "~/routes/l.$code";
import { call, getRequest } from "../support/http";

const brandUrl = process.env.BRAND_URL;
afterEach(() => {
  if (brandUrl === undefined) delete process.env.BRAND_URL;
  else process.env.BRAND_URL = brandUrl;
});

const unknownLink = (headers: HeadersInit = {}) => call(linkRoute.loader, getRequest("/l/ZZZZZZZZ", { headers }), { code: "ZZZZZZZZ" });

describe("a mistyped tracked link", () => {
  it("is a friendly 404 page in the browser's language, not raw JSON, and is not indexed", async () => {
    const english = await unknownLink({ "Accept-Language": "en-GB,en;q=0.9", Accept: "text/html" });
    expect(english.status).toBe(404);
    expect(english.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(english.headers.get("X-Robots-Tag")).toBe("noindex");
    const html = await english.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("This link does not work");
    expect(html).not.toContain("errors.linkNotFound");
    expect(html).toContain('name="viewport"');

    const spanish = await (await unknownLink({ "Accept-Language": "es-ES" })).text();
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain("Este enlace no funciona");
  });

  it("points to the brand's website when BRAND_URL is set, escaped", async () => {
    process.env.BRAND_URL = "https://www.example.com/?a=1&b=2";
    const html = await (await unknownLink({ "Accept-Language": "en" })).text();
    expect(html).toContain('<a class="button" href="https://www.example.com/?a=1&amp;b=2">Go to our website</a>');
    delete process.env.BRAND_URL;
    expect(await (await unknownLink({ "Accept-Language": "en" })).text()).not.toContain('class="button"');
  });
});

describe("the service status link", () => {
  it("shows a translated page to a browser and keeps JSON for monitors", async () => {
    const page = await call(
      healthz.loader,
      getRequest("/healthz", { headers: { Accept: "text/html,application/xhtml+xml", "Accept-Language": "en" } }),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toContain("text/html");
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain("Altavoz is working");
    expect(html).toContain('href="/login"');
    const monitor = await call(healthz.loader, getRequest("/healthz", { headers: { Accept: "*/*" } }));
    expect(await monitor.json()).toEqual({ status: "ok", database: true });
  });
});
