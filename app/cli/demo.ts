/** Prepares the embedded SQLite database with a demo organisation and prints how to sign in. */
import { seedDemoContent } from "~/cli/demo/content";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoOrganisation } from "~/cli/demo/organisation";
import { syncLibrary } from "~/models/library-sync.server";
import { seedDemoAcknowledgements } from "~/cli/demo/guidelines";
import { seedDemoActivity } from "~/cli/demo/activity";
import { certifyDemoStaff, seedDemoTraining } from "~/cli/demo/workshops";
import { seedDemoConversations } from "./demo/conversations";
import { seedDemoResults } from "./demo/results";
import { closeDb, getDb, migrateToLatest } from "~/utils/db.server";

const db = getDb();
await migrateToLatest(db);
const { created } = await seedDemoOrganisation(db);
await seedDemoContent(db);
// Guidelines (and workshops, the library files) from content/: published on first run, unchanged files left alone.
const synced = await syncLibrary(db);
const acknowledged = created && synced.ok ? await seedDemoAcknowledgements(db) : 0;
// Workshops completed, half-way and overdue, and upcoming live sessions, for the HR onboarding dashboard.
const training = created && synced.ok ? await seedDemoTraining(db) : { completions: 0, sessions: 0 };
// The staff logins are certified ambassadors, so they can share at once; the demo employee onboards.
const certified = created && synced.ok ? await certifyDemoStaff(db) : 0;
// Shares and link visits over the last weeks, for leaderboards, challenges and analytics.
const activity = created ? await seedDemoActivity(db) : { shares: 0 };
// Customer conversations reported by colleagues: answered in minutes, one late, two waiting in the care queue.
const conversations = created ? await seedDemoConversations(db) : 0;
// Conversions for the campaign's links, a blocked phrase and X's disclosure, the pilot wave and its champion.
const results = created && synced.ok ? await seedDemoResults(db) : { conversions: 0, wave: false };
await closeDb();

console.log("");
for (const line of synced.lines) console.log(line);
if (acknowledged) console.log(`guidelines: ${acknowledged} acknowledgements by demo colleagues added`);
if (training.sessions)
  console.log(`workshops: ${training.completions} completions by demo colleagues and ${training.sessions} live sessions added`);
if (certified)
  console.log(
    `onboarding: ${certified} demo logins are certified ambassadors (all but ${"employee@demo.altavoz.test"}, who starts as a newcomer)`,
  );
if (activity.shares) console.log(`activity: ${activity.shares} demo shares with their link visits added`);
if (conversations) console.log(`customer care: ${conversations} reported customer conversations added`);
if (results.wave)
  console.log(`results: ${results.conversions} conversions, a blocked phrase, X's disclosure and the pilot wave with its champion added`);

const port = process.env.PORT ?? "3000";
console.log(created ? "\nDemo organisation created." : "\nThe database already has people; demo data left as it was.");
console.log(`\nOpen http://localhost:${port} and sign in with any of these (password: ${DEMO_PASSWORD}):`);
for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(30)} ${login.roles.join(", ")}`);
console.log("");
