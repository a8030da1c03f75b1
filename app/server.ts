import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";

/** What app/entry.server.tsx exports besides the renderer. */
interface AltavozEntry {
  startApp(): Promise<void>;
  stopApp(): Promise<void>;
  handleTrackedLinkRequest(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
  inRequestScope<T>(work: () => T): T;
  guardRequest(
    request: Request,
  ): Promise<{ ok: true; request: Request } | { ok: false; rejection: { status: 400 | 403 | 413; message: string } }>;
  rejectionResponse(request: Request, rejection: { status: 400 | 403 | 413; message: string }, nonce?: string): Promise<Response>;
}

const BUILD_PATH = path.resolve("build/index.js");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";
const production = process.env.NODE_ENV === "production";
const httpsOrigin = /^https:/i.test(process.env.APP_ORIGIN ?? "");

const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
const entry = build.entry.module as unknown as AltavozEntry;
await entry.startApp();
const handleRemix = createRequestHandler(build, build.mode);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy ? 1 : false);
app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as ServerResponse & { locals: { cspNonce: string } }).locals.cspNonce}'`],
        // Recharts and a few components set style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: production ? ["'self'"] : ["'self'", "ws:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(httpsOrigin ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production && httpsOrigin ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: "deny" },
  }),
);
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// Only a path naming a file (favicon.svg, sw.js…) can be one of public/'s: pages skip the file-system lookup.
const publicFiles = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

/** The public address of a request: X-Forwarded-Host and -Proto only from a trusted proxy. */
function toWebRequest(req: express.Request, res: express.Response): Request | null {
  const forwarded = trustProxy ? req.get("X-Forwarded-Host")?.split(",")[0]?.trim() : undefined;
  const authority = forwarded || req.get("Host") || `localhost:${port}`;
  const base = `${req.protocol}://${authority}`;
  if (!URL.canParse(req.originalUrl, base)) return null;
  const url = new URL(req.originalUrl, base);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  headers.delete("X-Forwarded-Host");
  headers.set("Host", url.host);
  const controller = new AbortController();
  res.on("close", () => res.writableFinished || controller.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = bodyStream(req);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

/**
 * The request body as a web stream, read only as fast as it is consumed. Cancelling it (the guard refusing
 * a body over the limit) discards the rest instead of destroying the socket, so the client reads our 413
 * rather than a connection reset.
 */
function bodyStream(req: express.Request): ReadableStream<Uint8Array> {
  let discarded = false;
  const discard = () => {
    discarded = true;
    req.removeAllListeners("data");
    req.resume();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        req.pause();
      });
      // A cancelled stream's controller is closed: the end of a discarded body must not touch it.
      req.once("end", () => {
        if (!discarded) controller.close();
      });
      req.once("error", (error) => {
        if (!discarded) controller.error(error);
      });
      req.once("discard", discard);
    },
    pull() {
      req.resume();
    },
    cancel: discard,
  });
}

async function send(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // A header the response sets replaces helmet's default of the same name (a redirect's own Referrer-Policy),
  // rather than being sent twice; cookies are the one header that repeats.
  for (const [name, value] of response.headers.entries()) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Reads and drops the rest of a refused body before the refusal is sent. Answering while the client still
 * sends makes Node close the connection, and the kernel then resets it, which can overtake the answer; a
 * client that keeps sending for more than a few seconds loses the connection instead (false).
 */
function drainRefusedBody(req: express.Request): Promise<boolean> {
  req.emit("discard");
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      req.socket.destroy();
      resolve(false);
    }, 5_000);
    req.once("end", () => {
      clearTimeout(deadline);
      resolve(true);
    });
    req.once("close", () => {
      clearTimeout(deadline);
      resolve(req.complete);
    });
  });
}

app.all("*", async (req, res, next) => {
  try {
    const nonce = String(res.locals.cspNonce);
    const request = toWebRequest(req, res);
    if (!request) {
      res.status(400).type("text/plain").send("Bad request");
      return;
    }
    const guarded = await entry.guardRequest(request);
    if (!guarded.ok) {
      if (!(await drainRefusedBody(req))) return;
    }
    const handle = (accepted: Request) => () =>
      handleRemix(accepted, { clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: nonce });
    // A page's loaders share one session read (see app/utils/request-scope.server.ts); writes get no memo.
    const response = !guarded.ok
      ? await entry.rejectionResponse(request, guarded.rejection, nonce)
      : req.method === "GET" || req.method === "HEAD"
        ? await entry.inRequestScope(handle(guarded.request))
        : await handle(guarded.request)();
    // Pages and loader data may be personal: never stored by browsers or proxies unless a route says otherwise.
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-store");
    await send(res, response);
  } catch (error) {
    next(error);
  }
});

// Tracked links are the hot path: answered before Express; unknown codes fall through to the app's 404.
const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url?.startsWith("/l/")) {
    // A cached link is answered synchronously: no promise per redirect.
    const handled = entry.handleTrackedLinkRequest(req, res);
    if (handled === true) return;
    if (handled !== false) {
      handled.then(
        (done) => done || app(req, res),
        () => app(req, res),
      );
      return;
    }
  }
  app(req, res);
});

server.listen(port, host, () => {
  console.log(`Altavoz listening on http://localhost:${port}`);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: closing`);
  server.close(() => {
    entry.stopApp().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
