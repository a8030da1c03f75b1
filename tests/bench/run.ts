/**
 * npm run bench [-- --only js|redirect|redirect-load|click-writer|render|leaderboard|care|import|digest] [--duration seconds] [--connections n] [--rounds n] [--sizes small,full]
 * Every figure is printed with its ratio to a baseline measured in the same run.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { runRedirectBench } from "./redirect";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    rounds: { type: "string", default: "3" },
    sizes: { type: "string" },
    client: { type: "string", default: "both" },
  },
  allowPositionals: true,
});

if (!fs.existsSync("build/index.js")) {
  console.error("Build the app first: npx remix build");
  process.exit(1);
}

const only = values.only;
if (!only || only === "js") {
  const { runJsBench } = await import("./js-budget");
  runJsBench();
}
if (!only || only === "redirect") {
  await runRedirectBench({
    duration: Number(values.duration),
    connections: Number(values.connections),
    rounds: Number(values.rounds),
    client: values.client,
  });
}
if (!only || only === "click-writer") {
  const { runClickWriterBench } = await import("./click-writer");
  await runClickWriterBench();
}
if (!only || only === "redirect" || only === "redirect-load") {
  const { runRedirectUnderLoad } = await import("./redirect-load");
  await runRedirectUnderLoad({
    rounds: Number(values.rounds),
    duration: Math.min(5, Number(values.duration)),
    connections: Number(values.connections),
    sizes: values.sizes,
  });
}
if (!only || only === "render") {
  const { runRenderBench } = await import("./render");
  await runRenderBench({ sizes: values.sizes, rounds: Number(values.rounds), duration: Math.min(5, Number(values.duration)) });
}
if (!only || only === "leaderboard") {
  const leaderboard = "./leaderboard";
  if (fs.existsSync(new URL("./leaderboard.ts", import.meta.url))) {
    const module = (await import(leaderboard)) as { runLeaderboardBench(options: { sizes?: string }): Promise<void> };
    await module.runLeaderboardBench({ sizes: values.sizes });
  }
}
if (!only || only === "care") {
  const { runCareBench } = await import("./care");
  await runCareBench({ sizes: values.sizes });
}
if (!only || only === "import") {
  const { runImportBench } = await import("./import");
  await runImportBench({ sizes: values.sizes });
}
if (!only || only === "digest") {
  const { runDigestBench } = await import("./digest");
  await runDigestBench({ sizes: values.sizes });
}
process.exit(0);
