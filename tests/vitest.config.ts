import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");
const resolve = { alias: { "~": path.join(root, "app"), "#db": path.join(root, "db") } };
const integration = ["tests/**/*.test.ts", "tests/**/*.test.tsx"];
const exclude = ["tests/e2e/**", "tests/bench/**", "node_modules/**"];

export default defineConfig({
  root,
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "sqlite",
          include: integration,
          exclude,
          setupFiles: ["tests/support/setup-db.ts"],
          env: { TEST_DIALECT: "sqlite", APP_ORIGIN: "http://altavoz.test" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve,
              test: {
                name: "postgres",
                include: integration,
                exclude,
                setupFiles: ["tests/support/setup-db.ts"],
                env: { TEST_DIALECT: "postgres", APP_ORIGIN: "http://altavoz.test" },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        resolve,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
