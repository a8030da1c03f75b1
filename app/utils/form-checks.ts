import type { FieldErrors } from "~/utils/forms";

// Building blocks of the browser-side form checks (~/components/checked-form): plain functions with the
// same limits and translation keys as the zod schema the action parses, so no zod reaches the browser.

/** A text field: absent is "", anything but a string is invalid (null), then at most `max` characters. */
export function textWithin(errors: FieldErrors, name: string, value: unknown, max: number, message: string): string | null {
  const text = value ?? "";
  if (typeof text !== "string") errors[name] = "validation.invalid";
  else if (text.length > max) errors[name] = message;
  return typeof text === "string" ? text : null;
}

/** An id field (a version, a session): 1 to 100 characters. */
export const isIdText = (value: unknown) => typeof value === "string" && value.length >= 1 && value.length <= 100;

export const isOneOf = <T extends string>(options: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (options as readonly string[]).includes(value);

/** A whole number from a form field (as z.coerce.number().int() reads it), or null. */
export function wholeNumber(value: unknown): number | null {
  const number = Number(value);
  return Number.isInteger(number) ? number : null;
}

/** A ticked checkbox as the schemas read it. */
export const isTicked = (value: unknown) => value === "on" || value === "true" || value === true;

/** A checkbox list: absent is none, one ticked box is a lone value. */
export const listOf = (value: unknown): unknown[] =>
  value === undefined || value === null || value === false ? [] : Array.isArray(value) ? value : [value];
