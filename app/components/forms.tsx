import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { get, useForm, type DefaultValues, type FieldValues } from "react-hook-form";
import type * as z from "zod";
import { rememberDefault } from "~/components/fields";
import type { FieldErrors } from "~/utils/forms";

export { CheckboxGroup, Field, FormError, Select, TextArea, TextInput, useErrorText } from "~/components/fields";

/**
 * react-hook-form validates with the same zod schema the action re-parses. With JavaScript the
 * form is checked in the browser first; without it the browser posts and the action's errors show.
 * Checked on submit first, then again on every change: an error appearing on blur would move the
 * layout between mouse-down and mouse-up and swallow the click on the next checkbox or button.
 */
export function useValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: { serverErrors?: FieldErrors; defaultValues?: DefaultValues<z.input<S>> } = {},
) {
  const submit = useSubmit();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    // The resolver's generics cannot follow a generic schema; the schema itself is the check.
    resolver: zodResolver(schema as never) as never,
    defaultValues: options.defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const onSubmit = form.handleSubmit((_values, event) => {
    const nativeEvent = event?.nativeEvent as SubmitEvent | undefined;
    const target = (nativeEvent?.submitter as HTMLButtonElement | null) ?? (event?.target as HTMLFormElement);
    submit(target);
  });
  const errorFor = (name: string): string | undefined => {
    const clientError = name
      .split(".")
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], form.formState.errors) as
      { message?: string } | undefined;
    return clientError?.message ?? options.serverErrors?.[name];
  };
  const register = ((name: string, registerOptions?: object) => {
    return rememberDefault(form.register(name as never, registerOptions), get(options.defaultValues, name));
  }) as typeof form.register;
  return { form, onSubmit, errorFor, register };
}
