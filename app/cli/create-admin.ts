/**
 * Headless first run: creates the first administrator while the installation is empty.
 *   ADMIN_PASSWORD=… npm run setup:admin -- --email ana@example.com --name "Ana García"
 */
import { parseArgs } from "node:util";
import { createFirstAdmin } from "~/models/people/users.server";
import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";
import { emailField, passwordField, requiredText } from "~/utils/form-fields";
import { passwordProblem } from "~/utils/password.server";
import { z } from "zod";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const input = z
  .object({ email: emailField(), name: requiredText(120), password: passwordField() })
  .safeParse({ email: values.email, name: values.name, password: process.env.ADMIN_PASSWORD });
if (!input.success) {
  console.error("Usage: ADMIN_PASSWORD=<10+ characters> npm run setup:admin -- --email <email> --name <name>");
  for (const issue of input.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}
const weak = await passwordProblem(input.data.password, [input.data.email, input.data.name]);
if (weak) {
  console.error("ADMIN_PASSWORD is too easy to guess: use a longer one, for example several unrelated words.");
  process.exit(2);
}

const db = getDb();
await migrateToLatest(db);
const result = await createFirstAdmin(db, input.data);
await closeDb();
if (!result.ok) {
  console.error("Altavoz already has people; the first administrator can only be created on an empty installation.");
  process.exit(1);
}
console.log(`Administrator ${input.data.email} created.`);
