import { z } from "zod";

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

/** A list of checkboxes: absent means none, one ticked box arrives as a lone string. */
export function checkboxList<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === false ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

export const requiredText = (max: number, message = "validation.required") =>
  z.string({ error: message }).trim().min(1, message).max(max, "validation.tooLong");

export const emailField = () =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(254, "validation.tooLong")
    .pipe(z.email("validation.email"));

export const passwordField = () =>
  z.string({ error: "validation.required" }).min(10, "validation.passwordTooShort").max(200, "validation.tooLong");

/** A new password and its confirmation; refine the object with `passwordsMatch`. */
export const newPasswordFields = () => ({
  password: passwordField(),
  confirmPassword: z.string({ error: "validation.required" }).min(1, "validation.required"),
});

export const passwordsMatch = (v: { password: string; confirmPassword: string }) => v.password === v.confirmPassword;
export const PASSWORDS_DIFFER = { path: ["confirmPassword"], message: "validation.passwordsDiffer" };

/** An optional select: "" means no value. */
export const optionalId = () =>
  z.preprocess((value) => (value === "" || value === undefined ? null : value), z.string().max(100).nullable());
