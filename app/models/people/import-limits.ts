/**
 * Limits of a people import, shared by the upload form's browser-side check and the server. They
 * live outside people-import.server.ts because the browser bundle gets .server modules emptied: a
 * limit imported from there is `undefined` in the browser, and every upload failed the size check.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
