import { spawn } from "node:child_process";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { signedInOrganisation } from "./render";
import { freePort, waitForUrl } from "./support";
const file = "/tmp/prof/bench.sqlite";
const target = process.argv[2] ?? "/";
const { cookie } = fs.existsSync(file + ".cookie") ? { cookie: fs.readFileSync(file + ".cookie", "utf8") } : await signedInOrganisation(file, "tiny");
fs.writeFileSync(file + ".cookie", cookie);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
for (const f of fs.readdirSync("/tmp/prof")) if (f.endsWith(".cpuprofile")) fs.unlinkSync(`/tmp/prof/${f}`);
const child = spawn(process.execPath, ["--cpu-prof", "--cpu-prof-dir=/tmp/prof", "--import", "tsx", "app/server.ts"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: file, SESSION_SECRET: randomBytes(24).toString("hex"), APP_ORIGIN: base, SMTP_URL: "" },
  stdio: "inherit",
});
await waitForUrl(`${base}/healthz`, 120_000);
const wrk = spawn("/usr/bin/wrk", ["-t1", "-c10", "-d8s", "-H", `Cookie: ${cookie}`, `${base}${target}`], { stdio: "inherit" });
await new Promise((r) => wrk.on("exit", r));
child.kill("SIGINT");
await new Promise((r) => child.on("exit", r));
