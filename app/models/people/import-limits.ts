/**
 * Limits and upload fields of a people import or directory sync, shared by the upload form's browser-side
 * check and the server. They live outside people-import.server.ts because the browser bundle gets .server
 * modules emptied: a limit imported from there is `undefined` in the browser, and every upload failed the
 * size check.
 */
import * as z from "zod";

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

const firstFile = (value: unknown) => (typeof FileList !== "undefined" && value instanceof FileList ? value.item(0) : value);

/** The CSV file field of the import and directory-sync uploads: one non-empty CSV file within the size limit. */
export const CsvFileField = z.preprocess(
  firstFile,
  z
    .instanceof(File, { message: "people.import.errors.noFile" })
    .refine((f) => f.size > 0, "people.import.errors.noFile")
    .refine((f) => f.size <= MAX_IMPORT_BYTES, "people.import.errors.tooLarge")
    .refine((f) => /\.(csv|txt)$/i.test(f.name) || f.type === "text/csv", "people.import.errors.notCsv"),
);

/** A checkbox: ticked in a form post ("on") or in the browser's values (true). */
export const CheckboxField = z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean());
