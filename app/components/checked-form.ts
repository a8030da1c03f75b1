import { useRef, useState, type FormEvent } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { rememberDefault } from "~/components/fields";
import { formDataToObject, type FieldErrors } from "~/utils/forms";

/**
 * A form's browser-side rules as a plain function over what the form would post (FormData as
 * `formDataToObject` reads it, exactly what the action parses), giving field name → translation key.
 */
export type FormCheck = (posted: Record<string, unknown>) => FieldErrors;

const valueAt = (values: unknown, name: string): unknown =>
  name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);

/**
 * useValidatedForm's counterpart for the employee's pages (issue 13: 120 KB of JavaScript), with no
 * react-hook-form and no zod in the browser: the inputs stay uncontrolled, `check` runs on submit and then
 * on every change, and a clean form goes on to Remix's <Form> (which posts it with the pressed button).
 * The action still parses the post with its zod schema, so without JavaScript nothing changes.
 */
export function useCheckedForm(check: FormCheck, options: { serverErrors?: FieldErrors; defaultValues?: object } = {}) {
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const watched = useRef(new Set<string>());
  const checked = useRef(false);
  const recheck = (form: HTMLFormElement) => {
    const found = check(formDataToObject(new FormData(form)));
    setErrors(found);
    return found;
  };
  const onChange = async (event: { target: unknown }) => {
    const input = event.target as HTMLInputElement;
    if (watched.current.has(input.name)) setTyped((values) => ({ ...values, [input.name]: input.value }));
    if (checked.current && input.form) recheck(input.form);
  };
  const noop = async () => {};
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    checked.current = true;
    const first = Object.keys(recheck(event.currentTarget))[0];
    if (first === undefined) return;
    event.preventDefault();
    const field = event.currentTarget.elements.namedItem(first);
    const target = field instanceof RadioNodeList ? field[0] : field;
    if (target instanceof HTMLElement) target.focus();
  };
  const register = (name: string): UseFormRegisterReturn =>
    rememberDefault({ name, onChange, onBlur: noop, ref: () => undefined }, valueAt(options.defaultValues, name));
  const watch = (name: string): unknown => {
    watched.current.add(name);
    return typed[name] ?? valueAt(options.defaultValues, name);
  };
  const errorFor = (name: string): string | undefined => errors?.[name] ?? options.serverErrors?.[name];
  return { form: { watch }, onSubmit, register, errorFor };
}
