import type { WebhookKind } from "#db/schema";

/** The services a channel can be on (shared by the browser's form and the server). */
export const WEBHOOK_KINDS = ["teams", "slack"] as const satisfies readonly WebhookKind[];
