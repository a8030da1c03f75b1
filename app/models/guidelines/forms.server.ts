// The acknowledgement's schema for the action only: a .server module is left out of the browser's bundle,
// and the schema module's zod would otherwise come with the page (decision 57).
export { AcknowledgeSchema } from "./schema";
