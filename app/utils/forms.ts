import type * as z from "zod";

// No zod value here: routes import these for their actions, and a module that imports zod would make
// every such page load zod in the browser (a bundle keeps the imports of a shared module even when
// only the action used them). The schema builders are in ./form-fields.

/** Field name → translation key of its first problem; "" holds problems of the whole form. */
export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { success: true; data: T } | { success: false; errors: FieldErrors };

/** FormData to a plain object; a name that appears more than once becomes an array. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") {
      result[key] = value;
      continue;
    }
    const previous = result[key];
    if (previous === undefined) result[key] = value;
    else result[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return result;
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseFormData<S extends z.ZodType>(schema: S, formData: FormData): ParseResult<z.output<S>> {
  const parsed = schema.safeParse(formDataToObject(formData));
  return parsed.success ? { success: true, data: parsed.data } : { success: false, errors: issuesToErrors(parsed.error.issues) };
}
