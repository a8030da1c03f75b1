// The baseline: a bare node:http server answering every request with the same 302.
import http from "node:http";

const port = Number(process.env.PORT);
http
  .createServer((_req, res) => {
    res.writeHead(302, { Location: "https://example.com/?utm_source=x", "Cache-Control": "private, no-store" });
    res.end();
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
