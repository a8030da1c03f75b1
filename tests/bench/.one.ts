import { runLeaderboardBench } from "./leaderboard";
await runLeaderboardBench({ sizes: process.argv[2] });
process.exit(0);
