// SMTP delivery. The mail transport is created once per process from SMTP_URL, so this file sets
// SMTP_URL before the first mail is sent (each test file loads its own modules).
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as invite from "~/routes/admin.people.invite";
import * as accept from "~/routes/invite.$token";
import { db } from "~/utils/db.server";
import { call, createTestUser, postRequest, type TestUser } from "../support/http";

/** A tiny SMTP server that accepts everything and keeps what it receives. */
function startFakeSmtp(): Promise<{ port: number; received: string[]; close: () => Promise<void> }> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let data: string | null = null;
    socket.write("220 fake.smtp ESMTP\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === ".") {
            received.push(data);
            data = null;
            socket.write("250 2.0.0 queued\r\n");
          } else data += `${line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === "EHLO" || command === "HELO") socket.write("250 fake.smtp\r\n");
        else if (command === "DATA") {
          data = "";
          socket.write("354 go ahead\r\n");
        } else if (command === "QUIT") {
          socket.write("221 bye\r\n");
          socket.end();
        } else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        received,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
let admin: TestUser;

beforeAll(async () => {
  smtp = await startFakeSmtp();
  vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${smtp.port}`);
  admin = await createTestUser({ roles: ["admin"] });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await smtp.close();
});

const outboxFor = (email: string) => db.selectFrom("outbox").selectAll().where("to_address", "=", email).executeTakeFirstOrThrow();

describe("invitation mail over SMTP", () => {
  it("is handed to the SMTP server and also kept in the outbox", async () => {
    const email = `smtp_ok_${Date.now()}@example.com`;
    const response = await call(
      invite.action,
      postRequest("/admin/people/invite", { email, name: "Por Correo", roles: "employee" }, { cookie: admin.cookie }),
    );
    expect(response.status).toBe(302);
    const kept = await outboxFor(email);
    expect(kept.transport).toBe("smtp");
    expect(kept.error).toBeNull();
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(kept.text_body)![1];
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0].replace(/=\n/g, "");
    expect(message).toMatch(new RegExp(`^To: ${email}$`, "m"));
    expect(message).toContain(`/invite/${token}`);
  });

  it("an unreachable SMTP server is recorded as an error and the invitation still works", async () => {
    await smtp.close(); // the port is now closed: connections are refused
    const email = `smtp_down_${Date.now()}@example.com`;
    const response = await call(
      invite.action,
      postRequest("/admin/people/invite", { email, name: "Sin Correo", roles: "employee" }, { cookie: admin.cookie }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/people");
    const kept = await outboxFor(email);
    expect(kept.transport).toBe("smtp");
    expect(kept.error).toMatch(/ECONNREFUSED|connect/i);
    // Still queued: the transport tries again later, with backoff.
    expect(kept).toMatchObject({ status: "pending", attempts: 1 });
    expect(kept.next_attempt_at).toBeGreaterThan(Date.now() + 30_000);
    expect((await db.selectFrom("users").select("status").where("email", "=", email).executeTakeFirstOrThrow()).status).toBe("invited");
    // An admin can pass the link from the outbox on by hand.
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(kept.text_body)![1];
    const accepted = await call(
      accept.action,
      postRequest(`/invite/${token}`, {
        name: "Sin Correo",
        password: "a long enough password",
        confirmPassword: "a long enough password",
      }),
      { token },
    );
    expect(accepted.status).toBe(302);
  });

  it("links use APP_ORIGIN when the app runs behind a proxy, and posts from that origin are accepted", async () => {
    vi.stubEnv("APP_ORIGIN", "https://altavoz.example.com");
    try {
      const email = `proxied_${Date.now()}@example.com`;
      const response = await call(
        invite.action,
        postRequest(
          "/admin/people/invite",
          { email, name: "Tras Proxy", roles: "employee" },
          { cookie: admin.cookie, origin: "https://altavoz.example.com" },
        ),
      );
      expect(response.status).toBe(302);
      expect((await outboxFor(email)).text_body).toMatch(/https:\/\/altavoz\.example\.com\/invite\/[A-Za-z0-9_-]+/);
    } finally {
      vi.unstubAllEnvs();
      vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${smtp.port}`);
    }
  });
});
