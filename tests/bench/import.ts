/**
 * /healthz while a CSV import runs, on SQLite (one connection for everyone): the built server, an admin
 * uploads a file of `rows` people, and /healthz is asked one request after another until the import is
 * done. Printed with its ratio to /healthz on the same server idle just before, at two import sizes.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { insertUser } from "~/models/people/users.server";
import { sha256 } from "~/utils/crypto.server";
import { createDatabase, migrateToLatest } from "~/utils/db.server";
import { fmt, freePort, removeDatabase, startProcess, stopProcess, waitForUrl } from "./support";

const ORIGIN = "http://altavoz.bench";
const SIZES: Record<string, number> = { small: 2_000, full: 10_000 };

interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

function summarise(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

async function healthzOnce(base: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${base}/healthz`);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  return performance.now() - start;
}

/** A fresh database with one administrator; returns the session cookie that signs requests in as them. */
async function arrange(file: string): Promise<string> {
  const db = createDatabase(file);
  await migrateToLatest(db);
  const userId = await insertUser(db, {
    email: "admin@example.com",
    name: "Admin",
    departmentId: null,
    roles: ["admin"],
    status: "active",
  });
  const token = randomBytes(20).toString("hex");
  await db
    .insertInto("sessions")
    .values({ id: sha256(token), user_id: userId, expires_at: Date.now() + 86_400_000, created_at: Date.now() })
    .execute();
  await db.destroy();
  return `altavoz_session=${token}`;
}

async function upload(base: string, cookie: string, rows: number): Promise<string> {
  const text = ["email,name", ...Array.from({ length: rows }, (_, i) => `bench-${i}@example.com,Persona ${i}`)].join("\n");
  const form = new FormData();
  form.set("file", new Blob([text], { type: "text/csv" }), "bench.csv");
  const res = await fetch(`${base}/admin/people/import`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: ORIGIN },
    body: form,
  });
  const id = /\/admin\/people\/import\/([^/]+)$/.exec(res.headers.get("Location") ?? "")?.[1];
  if (res.status !== 302 || !id) throw new Error(`upload answered ${res.status}`);
  return id;
}

async function importStatus(base: string, cookie: string, id: string): Promise<string> {
  const res = await fetch(`${base}/admin/people/import/${id}?_data=routes%2Fadmin.people.import.%24id`, { headers: { Cookie: cookie } });
  return ((await res.json()) as { result: { status: string } }).result.status;
}

async function measure(rows: number): Promise<void> {
  const file = path.join(os.tmpdir(), `altavoz-bench-import-${randomBytes(4).toString("hex")}.sqlite`);
  const cookie = await arrange(file);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startProcess(["app/server.ts"], {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: file,
    SESSION_SECRET: randomBytes(24).toString("hex"),
    APP_ORIGIN: ORIGIN,
    SMTP_URL: "",
  });
  try {
    await waitForUrl(`${base}/healthz`);
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await healthzOnce(base));
    const started = performance.now();
    const id = await upload(base, cookie, rows);
    const during: number[] = [];
    let status = "running";
    for (let i = 0; status === "running"; i++) {
      during.push(await healthzOnce(base));
      if (i % 10 === 9) status = await importStatus(base, cookie, id);
    }
    const seconds = (performance.now() - started) / 1000;
    const a = summarise(idle);
    const b = summarise(during);
    console.log(
      `  ${rows} rows (import ${status} in ${fmt(seconds)} s): /healthz during it p50 ${fmt(b.p50)} ms, p99 ${fmt(b.p99)} ms, max ${fmt(b.max)} ms over ${b.count} requests; idle p50 ${fmt(a.p50)} ms, p99 ${fmt(a.p99)} ms; ratio p50 ${fmt(b.p50 / a.p50)}×, p99 ${fmt(b.p99 / a.p99)}×`,
    );
  } finally {
    await stopProcess(server);
    removeDatabase(file);
  }
}

export async function runImportBench(options: { sizes?: string }): Promise<void> {
  const names = options.sizes ? options.sizes.split(",") : Object.keys(SIZES);
  console.log("\n/healthz during a CSV import (SQLite, built server, one request at a time)");
  for (const name of names) if (SIZES[name]) await measure(SIZES[name]);
}
