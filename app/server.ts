import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";

/** What app/entry.server.tsx exports besides the renderer. */
interface AltavozEntry {
  startApp(): Promise<void>;
  stopApp(): Promise<void>;
  handleTrackedLinkRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  inRequestScope<T>(work: () => T): T;
}

const BUILD_PATH = path.resolve("build/index.js");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;
const entry = build.entry.module as unknown as AltavozEntry;
await entry.startApp();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
const remix = createRequestHandler({
  build,
  mode: build.mode,
  getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
});
// A page's loaders share one session read (see app/utils/request-scope.server.ts); writes get no memo.
app.all("*", (req, res, next) => (req.method === "GET" || req.method === "HEAD" ? entry.inRequestScope(() => remix(req, res, next)) : remix(req, res, next)));

// Tracked links are the hot path: answered before Express; unknown codes fall through to the app's 404.
const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url?.startsWith("/l/")) {
    entry.handleTrackedLinkRequest(req, res).then(
      (handled) => handled || app(req, res),
      () => app(req, res),
    );
    return;
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
