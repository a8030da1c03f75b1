import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedPost {
  path: string;
  body: any;
}

/**
 * A local HTTP server standing in for Teams/Slack incoming webhooks (no outside traffic). `answer`
 * decides each response's status from the path and how many posts that path already had.
 */
export async function startChannelServer(answer: (path: string, seen: number) => number = () => 200) {
  const received: ReceivedPost[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((request, response) => {
    let data = "";
    request.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    request.on("end", () => {
      const path = request.url ?? "/";
      const seen = attempts.get(path) ?? 0;
      attempts.set(path, seen + 1);
      const status = answer(path, seen);
      if (status < 300) received.push({ path, body: JSON.parse(data) });
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "failure");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    attemptsAt: (path: string) => attempts.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
