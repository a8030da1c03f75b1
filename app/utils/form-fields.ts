import * as z from "zod";

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
