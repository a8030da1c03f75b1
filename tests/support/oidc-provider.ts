// A real OpenID provider (the `oidc-provider` package) on a random loopback port, for the company
// sign-in tests. Whoever is in `nextAccount` signs in at once when the provider asks (no forms).
// `tamper` rewrites the ID token of the next token response, re-signed with the provider's own key
// (wrong audience, expired) or with a key the provider never published (forged).
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as jose from "jose";
import Provider from "oidc-provider";

export interface TestAccount {
  sub: string;
  email: string;
  name?: string;
  email_verified?: boolean;
  department?: string;
  locale?: string;
}

export interface Tamper {
  claims?: (payload: jose.JWTPayload) => jose.JWTPayload;
  /** Sign with another key under the same key id, as a forger would. */
  forge?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  nextAccount: TestAccount | null;
  tamper: Tamper | null;
  stop(): Promise<void>;
}

const listen = (server: http.Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

/** `redirectUris` may be a function, read at the first request (the app's port may not be known yet). */
export async function startTestProvider(options: {
  redirectUris: string[] | (() => string[]);
  postLogoutRedirectUris?: string[] | (() => string[]);
}): Promise<TestProvider> {
  const { privateKey } = await jose.generateKeyPair("RS256", { extractable: true });
  const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const forger = (await jose.generateKeyPair("RS256", { extractable: true })).privateKey;
  const accounts = new Map<string, TestAccount>();

  const outer = http.createServer();
  const port = await listen(outer);
  const issuer = `http://127.0.0.1:${port}`;
  const state: TestProvider = {
    issuer,
    clientId: "altavoz-test",
    clientSecret: "altavoz-test-secret-0123456789",
    nextAccount: null,
    tamper: null,
    stop: async () => {},
  };

  const uris = (value: string[] | (() => string[]) | undefined) => (typeof value === "function" ? value() : (value ?? []));
  let provider!: Provider;
  let innerPort = 0;
  let inner: http.Server | undefined;
  async function ensureProvider() {
    if (inner) return;
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: state.clientId,
          client_secret: state.clientSecret,
          redirect_uris: uris(options.redirectUris),
          post_logout_redirect_uris: uris(options.postLogoutRedirectUris),
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
      jwks: { keys: [signingJwk] },
      cookies: { keys: ["oidc-test-cookie-key"] },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "locale", "department"] },
      // Like Entra ID and Google, the ID token carries the profile claims (not only /userinfo).
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      findAccount: async (_ctx: unknown, id: string) => {
        const account = accounts.get(id);
        return account ? { accountId: id, claims: async () => ({ email_verified: true, ...account }) } : undefined;
      },
    } as never);
    // The provider sits behind this file's proxy and names its endpoints after the forwarded host.
    provider.proxy = true;
    inner = http.createServer(provider.callback());
    innerPort = await listen(inner);
  }

  outer.on("request", (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    await ensureProvider();
    if (req.url?.startsWith("/interaction/")) {
      const account = state.nextAccount;
      if (!account) throw new Error("no account to sign in");
      accounts.set(account.sub, account);
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: account.sub, clientId: state.clientId });
      grant.addOIDCScope(String((details.params as { scope?: string }).scope ?? "openid"));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === "string" && key !== "host") headers.set(key, value);
    headers.set("x-forwarded-host", `127.0.0.1:${port}`);
    headers.set("x-forwarded-proto", "http");
    const upstream = await fetch(`http://127.0.0.1:${innerPort}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      redirect: "manual",
    });
    let body = Buffer.from(await upstream.arrayBuffer());
    if (req.url?.startsWith("/token") && state.tamper && upstream.ok) {
      body = Buffer.from(JSON.stringify(await tamperWith(JSON.parse(body.toString("utf8")), state.tamper)));
      state.tamper = null;
    }
    res.statusCode = upstream.status;
    upstream.headers.forEach((value, key) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "set-cookie", "connection"].includes(key)) res.setHeader(key, value);
    });
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length) res.setHeader("set-cookie", cookies);
    res.setHeader("content-length", body.length);
    res.end(body);
  }

  async function tamperWith(tokens: { id_token: string }, tamper: Tamper) {
    const payload = jose.decodeJwt(tokens.id_token);
    const claims = tamper.claims ? tamper.claims({ ...payload }) : payload;
    const key = tamper.forge ? forger : privateKey;
    return { ...tokens, id_token: await new jose.SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(key) };
  }

  state.stop = async () => {
    await new Promise<void>((resolve) => outer.close(() => resolve()));
    if (inner) await new Promise<void>((resolve) => inner!.close(() => resolve()));
  };
  return state;
}

/** Follows the provider's redirects (keeping its cookies) until it sends the browser back to `appOrigin`. */
export async function followProvider(start: string, appOrigin: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair.indexOf("=");
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${await response.text()}`);
    url = new URL(location, url);
    if (url.origin === appOrigin) return url;
  }
  throw new Error("too many redirects at the provider");
}
