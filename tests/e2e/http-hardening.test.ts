// The built server over real HTTP (node:http, so Host and other headers are exactly what a client sends):
// security headers on every kind of response, CSP nonces Chromium accepts, the request guard in front of
// Remix (403 / 413 / 400 instead of 500), and the public origin behind a proxy. Needs `npx remix build`.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "~/models/people/users.server";
import { logIn, startE2eApp, type E2eApp } from "./support/harness";

const PASSWORD = "e2e hardening password";
const ADMIN = "helena.headers@example.com";
const PUBLIC_ORIGIN = "https://altavoz.example.com";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly these headers (fetch would fill in Host and Origin itself). */
function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    let answered: Answer | null = null;
    // A connection of its own (no keep-alive pool), so an idle pooled socket the server is closing is never reused.
    const options = { host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers, agent: false };
    const req = http.request(options, (res) => {
      answered = { status: res.statusCode ?? 0, headers: res.headers, body: "" };
      res.setEncoding("utf8");
      res.on("data", (chunk) => (answered!.body += chunk));
      res.on("end", () => resolve(answered!));
      res.on("error", () => resolve(answered!));
    });
    // A server refusing a large body answers and closes without reading the rest: the answer counts.
    req.on("error", (error) => (answered ? resolve(answered) : reject(error)));
    req.end(body);
  });
}

const arrange = async (db: E2eApp["db"]) => {
  await insertUser(db, {
    email: ADMIN,
    name: "Helena Headers",
    departmentId: null,
    roles: ["admin", "employee"],
    status: "active",
    password: PASSWORD,
    locale: "en",
  });
};

let app: E2eApp;
let proxied: E2eApp;
let cookie = "";

async function signIn(base: string, headers: Record<string, string>): Promise<Answer> {
  const form = new URLSearchParams({ email: ADMIN, password: PASSWORD }).toString();
  return raw(base, "POST", "/login", { "Content-Type": "application/x-www-form-urlencoded", ...headers }, form);
}

beforeAll(async () => {
  app = await startE2eApp("http-hardening", arrange);
  // Behind a TLS proxy that forwards to the app's own address without passing the public Host on.
  proxied = await startE2eApp("http-proxied", arrange, { APP_ORIGIN: PUBLIC_ORIGIN, TRUST_PROXY: "1" });
  const signedIn = await signIn(app.base, { Host: new URL(app.base).host, Origin: app.base });
  expect(signedIn.status).toBe(302);
  cookie = (signedIn.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
});

afterAll(async () => {
  await app?.stop();
  await proxied?.stop();
});

function expectCommonHeaders(answer: Answer, what: string) {
  expect(answer.headers["x-content-type-options"], what).toBe("nosniff");
  expect(answer.headers["referrer-policy"], what).toMatch(/strict-origin-when-cross-origin|no-referrer/);
  expect(answer.status, what).toBeLessThan(500);
}

describe("headers on every kind of response", () => {
  it("HTML: CSP with a fresh nonce on every script, frame-ancestors 'none', private no-store when signed in", async () => {
    const pages = [await raw(app.base, "GET", "/", { Cookie: cookie }), await raw(app.base, "GET", "/", { Cookie: cookie })];
    const nonces = pages.map((page) => {
      expect(page.status).toBe(200);
      expectCommonHeaders(page, "signed-in HTML");
      expect(page.headers["cache-control"]).toBe("private, no-store");
      const csp = String(page.headers["content-security-policy"]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(pages[0].headers["strict-transport-security"]).toBeUndefined();
  });

  it("JSON (loader data), CSV, static files, redirects and the tracked-link path", async () => {
    const json = await raw(app.base, "GET", "/?_data=root", { Cookie: cookie });
    expect(json.headers["content-type"]).toMatch(/application\/json/);
    expect(json.headers["cache-control"]).toBe("private, no-store");
    expectCommonHeaders(json, "loader JSON");
    const csv = await raw(app.base, "GET", "/analytics.csv?table=networks", { Cookie: cookie });
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expectCommonHeaders(csv, "CSV");
    const favicon = await raw(app.base, "GET", "/favicon.svg");
    expect(favicon.status, "favicon").toBe(200);
    expectCommonHeaders(favicon, "static file");
    const script = /href="(\/build\/[^"]+\.js)"/.exec((await raw(app.base, "GET", "/login")).body)?.[1];
    const asset = await raw(app.base, "GET", script!);
    expect(asset.status, script).toBe(200);
    expectCommonHeaders(asset, "build asset");
    const redirect = await raw(app.base, "GET", "/");
    expect(redirect.status).toBe(302);
    expectCommonHeaders(redirect, "redirect");
    const link = await raw(app.base, "GET", "/l/AAAAAAAA");
    expectCommonHeaders(link, "tracked link");
  });

  it("Chromium runs the page under the CSP: no violations, the app hydrates and signs in", async () => {
    const { page, errors, consoleErrors } = await app.newPage({ locale: "en-GB" });
    await logIn(page, app.base, ADMIN, PASSWORD);
    await page.getByRole("button", { name: /Sign out/ }).waitFor();
    expect(errors).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext)).toBe("object");
  });
});

describe("the request guard in front of Remix", () => {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const host = () => ({ Host: new URL(app.base).host });

  it("a cross-site post is the app's translated 403, never Remix's 500", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const answer = await raw(
        app.base,
        "POST",
        "/login",
        { ...host(), ...form, Origin: origin, "Accept-Language": "en" },
        "email=a%40b.c&password=x",
      );
      expect(answer.status).toBe(403);
      expect(answer.body).toContain("This request did not come from Altavoz and was refused.");
    }
  });

  it("X-Forwarded-Host is ignored without TRUST_PROXY", async () => {
    const answer = await raw(
      app.base,
      "POST",
      "/login",
      { ...host(), ...form, Origin: "http://other.example", "X-Forwarded-Host": "other.example" },
      "email=a%40b.c&password=x",
    );
    expect(answer.status).toBe(403);
  });

  it("bodies over the limit are refused with 413 before they are parsed, declared or streamed", async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, "a");
    const declared = await raw(
      app.base,
      "POST",
      "/login",
      { ...host(), ...form, Origin: app.base, "Content-Length": String(big.length) },
      big,
    );
    expect(declared.status).toBe(413);
    const chunked = await raw(
      app.base,
      "POST",
      "/login",
      { ...host(), ...form, Origin: app.base, "Transfer-Encoding": "chunked" },
      Buffer.alloc(2 * 1024 * 1024, "b"),
    );
    expect(chunked.status).toBe(413);
    // The rest of a refused body is read and dropped: the server is still up and the next request is answered.
    expect((await raw(app.base, "GET", "/healthz")).status).toBe(200);
  });

  it("JSON, text/plain, broken multipart and NUL characters are a translated 400", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ "Content-Type": "application/json" }, '{"email":"x"}', "This form could not be read."],
      [{ "Content-Type": "text/plain" }, "email=x", "This form could not be read."],
      [
        { "Content-Type": "multipart/form-data; boundary=zz" },
        '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\nx',
        "This form could not be read.",
      ],
      [form, "email=a%00b&password=x", "invisible control character (NUL)"],
    ];
    for (const [headers, body, text] of cases) {
      const answer = await raw(
        app.base,
        "POST",
        "/ideas",
        { ...host(), ...headers, Origin: app.base, Cookie: cookie, "Accept-Language": "en" },
        body,
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toContain(text);
      expectCommonHeaders(answer, "refusal");
    }
  });
});

describe("behind a proxy (APP_ORIGIN, TRUST_PROXY=1)", () => {
  it("signing in works whether or not the proxy passes the public Host on", async () => {
    const publicHost = new URL(PUBLIC_ORIGIN).host;
    const internalHost = new URL(proxied.base).host;
    const variants: Record<string, string>[] = [
      { Host: internalHost, Origin: PUBLIC_ORIGIN, "X-Forwarded-Proto": "https" },
      { Host: publicHost, Origin: PUBLIC_ORIGIN, "X-Forwarded-Proto": "https" },
      { Host: internalHost, "X-Forwarded-Host": publicHost, Origin: PUBLIC_ORIGIN, "X-Forwarded-Proto": "https" },
    ];
    for (const headers of variants) {
      const answer = await signIn(proxied.base, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(302);
      expect((answer.headers["set-cookie"] ?? []).some((c) => c.startsWith("altavoz_session=") && /; Secure/i.test(c))).toBe(true);
    }
  });

  it("honours X-Forwarded-Host with TRUST_PROXY, and sends HSTS over https in production", async () => {
    const answer = await signIn(proxied.base, {
      Host: new URL(proxied.base).host,
      "X-Forwarded-Host": "other.example",
      Origin: "https://other.example",
      "X-Forwarded-Proto": "https",
    });
    expect(answer.status).toBe(302);
    const page = await raw(proxied.base, "GET", "/login", { Host: new URL(proxied.base).host, "X-Forwarded-Proto": "https" });
    expect(page.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
  });
});
